package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pulsecrm.platform.rollup.RollupSource;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.sales.SalesServiceTest;
import dev.pulsecrm.sales.pipeline.PipelineService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until the rollups are built (at a start after their sources changed) the facts endpoint answers {@code UNAVAILABLE}
 * instead of numbers from half-built sums; once built, it answers. A second {@link Rollups} over the same database
 * and sources stands for a service that has just started.
 */
class SalesFactsReadinessTest extends SalesServiceTest {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	List<RollupSource> sources;

	@Autowired
	PipelineService pipelines;

	@Test
	void factsAreUnavailableUntilTheRollupsAreBuiltThenAnswered() {
		Rollups starting = new Rollups(this.mongo, this.sources);
		SalesFactsGrpcService service = new SalesFactsGrpcService(new SalesFactsCalculator(starting, this.pipelines));
		FactsRequest request = FactsRequest.newBuilder()
			.setFrom(SalesFactsTest.timestamp(Instant.parse("2010-01-01T00:00:00Z")))
			.setTo(SalesFactsTest.timestamp(Instant.parse("2010-02-01T00:00:00Z")))
			.setGroupBy("team")
			.build();

		Recorded beforeBuild = call(service, request);
		assertThat(beforeBuild.replies).isEmpty();
		assertThat(Status.fromThrowable(beforeBuild.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(Status.fromThrowable(beforeBuild.error).getDescription()).isEqualTo("KPI rollups are being built");

		// a bad request stays a bad request while building
		Recorded bad = call(service, request.toBuilder().setGroupBy("planet").build());
		assertThat(Status.fromThrowable(bad.error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

		starting.ensureBuilt();
		Recorded afterBuild = call(service, request);
		assertThat(afterBuild.error).isNull();
		assertThat(afterBuild.completed).isTrue();
		assertThat(afterBuild.replies).hasSize(1);
	}

	private static Recorded call(SalesFactsGrpcService service, FactsRequest request) {
		Recorded recorded = new Recorded();
		service.getFacts(request, recorded);
		return recorded;
	}

	/** What the service sent back on one call. */
	static final class Recorded implements StreamObserver<SalesFactsReply> {

		final List<SalesFactsReply> replies = new ArrayList<>();

		Throwable error;

		boolean completed;

		@Override
		public void onNext(SalesFactsReply value) {
			this.replies.add(value);
		}

		@Override
		public void onError(Throwable t) {
			this.error = t;
		}

		@Override
		public void onCompleted() {
			this.completed = true;
		}
	}
}
