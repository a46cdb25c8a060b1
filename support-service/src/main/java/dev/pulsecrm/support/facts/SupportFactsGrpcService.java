package dev.pulsecrm.support.facts;

import java.time.Instant;
import java.util.Optional;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Service;

/**
 * {@code SupportFacts.GetFacts}: support aggregates for a period, computed next to the data for the KPI service. Until
 * the rollups the facts are read from are built (after a start, or after their definition changed) it answers
 * {@code UNAVAILABLE} (a source that is not there yet) rather than numbers missing part of the history.
 */
@Service
public class SupportFactsGrpcService extends SupportFactsGrpc.SupportFactsImplBase {

	private final SupportFactsQuery query;

	SupportFactsGrpcService(SupportFactsQuery query) {
		this.query = query;
	}

	@Override
	public void getFacts(FactsRequest request, StreamObserver<SupportFactsReply> response) {
		if (!request.hasFrom() || !request.hasTo()) {
			response.onError(invalid("from and to are required"));
			return;
		}
		Instant from = instant(request.getFrom());
		Instant to = instant(request.getTo());
		if (to.isBefore(from)) {
			response.onError(invalid("to must not be before from"));
			return;
		}
		Optional<FactsDimension> dimension = FactsDimension.of(request.getGroupBy());
		if (dimension.isEmpty()) {
			response.onError(invalid("unsupported group_by \"" + request.getGroupBy() + "\"; supported: "
					+ FactsDimension.supported()));
			return;
		}
		if (!this.query.ready()) {
			response.onError(Status.UNAVAILABLE.withDescription("KPI rollups are being built").asRuntimeException());
			return;
		}
		response.onNext(
				SupportFactsReply.newBuilder().addAllGroups(this.query.facts(from, to, dimension.get())).build());
		response.onCompleted();
	}

	private static RuntimeException invalid(String description) {
		return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
	}

	static Instant instant(Timestamp timestamp) {
		return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
	}
}
