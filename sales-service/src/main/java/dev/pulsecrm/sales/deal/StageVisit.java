package dev.pulsecrm.sales.deal;

import java.time.Instant;

/** One stay of a deal in a pipeline stage; {@code exitedAt} is null while the deal is still there. */
public record StageVisit(String stage, Instant enteredAt, Instant exitedAt) {

	StageVisit exit(Instant at) {
		return new StageVisit(this.stage, this.enteredAt, at);
	}
}
