package dev.pulsecrm.sales.deal;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /deals/{id}/lose}. */
public record LoseDeal(@NotBlank @Size(max = 200) String reason, Instant at) {
}
