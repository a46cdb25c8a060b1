package dev.pulsecrm.sales.account;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /accounts/{id}/churn}. */
public record ChurnAccount(@NotBlank @Size(max = 500) String reason, Instant at) {
}
