package dev.pulsecrm.sales.deal;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /deals/{id}/stage}. {@code fromStage}, when given, is the stage the caller saw: the move is refused with
 * 409 unless the deal is still there, so of concurrent moves made from the same view exactly one applies (without it,
 * a move that arrives after another one applies on top of it).
 */
public record MoveDeal(@NotBlank @Size(max = 100) String stage, Instant at, @Size(max = 100) String fromStage) {

	public MoveDeal(String stage, Instant at) {
		this(stage, at, null);
	}
}
