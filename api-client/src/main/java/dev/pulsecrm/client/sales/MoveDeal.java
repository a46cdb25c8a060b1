package dev.pulsecrm.client.sales;

import java.time.Instant;

/**
 * {@code POST /api/sales/deals/{id}/stage}. {@code fromStage}, when given, is the stage the caller saw the deal in:
 * the service refuses the move with 409 if the deal has moved on meanwhile, so of two callers moving the same deal
 * from what they both saw only one wins (null: move from wherever it is).
 */
public record MoveDeal(String stage, Instant at, String fromStage) {

	/** A move from wherever the deal is now. */
	public MoveDeal(String stage, Instant at) {
		this(stage, at, null);
	}
}
