package dev.pulsecrm.kpi.facts;

import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.FactsRequest;

/** The one request shape all three facts services take. */
final class FactsRequests {

	private FactsRequests() {
	}

	static FactsRequest of(Instant from, Instant to, String groupBy) {
		return FactsRequest.newBuilder()
			.setFrom(timestamp(from))
			.setTo(timestamp(to))
			.setGroupBy(groupBy == null ? "" : groupBy)
			.build();
	}

	static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}
}
