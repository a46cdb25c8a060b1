package dev.pulsecrm.sales.deal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One stay of a deal in a pipeline stage; {@code exitedAt} is null while the deal is still there. {@code
 * durationMillis} is stored when the visit ends so MongoDB can sum durations without date arithmetic.
 */
public record StageVisit(String stage, Instant enteredAt, Instant exitedAt, @JsonIgnore Long durationMillis) {

	static StageVisit enter(String stage, Instant at) {
		return new StageVisit(stage, at, null, null);
	}

	StageVisit exit(Instant at) {
		return new StageVisit(this.stage, this.enteredAt, at, at.toEpochMilli() - this.enteredAt.toEpochMilli());
	}

	boolean isOpen() {
		return this.exitedAt == null;
	}
}
