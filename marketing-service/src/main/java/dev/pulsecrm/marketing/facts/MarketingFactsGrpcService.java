package dev.pulsecrm.marketing.facts;

import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsGrpc;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Service;

/**
 * Marketing aggregates for a period, for the KPI service. {@code group_by} is empty (totals), {@code channel},
 * {@code campaign}, {@code region}, {@code industry} or {@code segment}; see {@link MarketingFactsQueries} for which
 * record carries each dimension and which fields are not split. Answers UNAVAILABLE while the KPI rollups are being
 * built at start.
 */
@Service
public class MarketingFactsGrpcService extends MarketingFactsGrpc.MarketingFactsImplBase {

	private final MarketingFactsQueries queries;

	MarketingFactsGrpcService(MarketingFactsQueries queries) {
		this.queries = queries;
	}

	@Override
	public void getFacts(FactsRequest request, StreamObserver<MarketingFactsReply> response) {
		if (!request.hasFrom() || !request.hasTo()) {
			response.onError(Status.INVALID_ARGUMENT.withDescription("from and to are required").asRuntimeException());
			return;
		}
		Instant from = instant(request.getFrom());
		Instant to = instant(request.getTo());
		if (!from.isBefore(to)) {
			response.onError(Status.INVALID_ARGUMENT.withDescription("from must be before to").asRuntimeException());
			return;
		}
		var dimension = FactsDimension.of(request.getGroupBy());
		if (dimension.isEmpty()) {
			response.onError(Status.INVALID_ARGUMENT
				.withDescription("unsupported group_by " + request.getGroupBy()
						+ "; one of channel, campaign, region, industry, segment or empty")
				.asRuntimeException());
			return;
		}
		if (!this.queries.ready()) {
			// the rollups are built from the records at start; until then they would give partial numbers
			response.onError(Status.UNAVAILABLE.withDescription("KPI rollups are being built").asRuntimeException());
			return;
		}
		response.onNext(this.queries.facts(from, to, dimension.get()));
		response.onCompleted();
	}

	private static Instant instant(Timestamp timestamp) {
		return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
	}
}
