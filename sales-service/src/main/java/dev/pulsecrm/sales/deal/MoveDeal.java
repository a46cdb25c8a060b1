package dev.pulsecrm.sales.deal;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /deals/{id}/stage}. */
public record MoveDeal(@NotBlank @Size(max = 100) String stage, Instant at) {
}
