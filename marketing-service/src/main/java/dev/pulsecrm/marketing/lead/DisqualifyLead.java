package dev.pulsecrm.marketing.lead;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /leads/{id}/disqualify}. */
public record DisqualifyLead(@NotBlank @Size(max = 500) String reason, Instant at) {
}
