package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import org.springframework.stereotype.Service;

/**
 * Sales aggregates for a period, read from the KPI rollups for the KPI service. See {@link SalesFactsCalculator} for
 * which fields each {@code group_by} splits. While the rollups are being built (at a start after their sources
 * changed) the answer is {@code UNAVAILABLE}, which callers retry, never numbers from half-built sums.
 */
@Service
public class SalesFactsGrpcService extends SalesFactsGrpc.SalesFactsImplBase {

	private final SalesFactsCalculator calculator;

	SalesFactsGrpcService(SalesFactsCalculator calculator) {
		this.calculator = calculator;
	}

	@Override
	public void getFacts(FactsRequest request, StreamObserver<SalesFactsReply> response) {
		if (!request.hasFrom() || !request.hasTo()) {
			response.onError(invalid("from and to are required"));
			return;
		}
		Instant from = instant(request.getFrom());
		Instant to = instant(request.getTo());
		if (!from.isBefore(to)) {
			response.onError(invalid("from must be before to"));
			return;
		}
		Optional<FactsDimension> dimension = FactsDimension.of(request.getGroupBy());
		if (dimension.isEmpty()) {
			response.onError(invalid("unsupported group_by " + request.getGroupBy() + "; use one of "
					+ Arrays.stream(FactsDimension.values()).map((d) -> d.key).filter((k) -> !k.isEmpty()).toList()));
			return;
		}
		if (!this.calculator.ready()) {
			// the rollups are rebuilt at start after a change of their sources: partial sums would be wrong numbers
			response.onError(Status.UNAVAILABLE.withDescription("KPI rollups are being built").asRuntimeException());
			return;
		}
		response.onNext(this.calculator.compute(from, to, dimension.get()));
		response.onCompleted();
	}

	private static RuntimeException invalid(String description) {
		return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
	}

	/**
	 * Instants are stored at millisecond precision: rounding the bounds up to the next millisecond keeps "at or after
	 * from" and "before to" exact for sub-millisecond bounds.
	 */
	static Instant instant(Timestamp timestamp) {
		Instant instant = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
		Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
		return millis.equals(instant) ? instant : millis.plusMillis(1);
	}
}
