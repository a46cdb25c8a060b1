package dev.pulsecrm.marketing.lead;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /leads/{id}/contact}: who reached the lead (they become its owner), and when. */
public record ContactLead(@NotBlank @Size(max = 100) String ownerId, Instant at) {
}
