package dev.pulsecrm.client.marketing;

import java.time.Instant;

/** {@code POST /api/marketing/leads/{id}/contact}: the first contact sets {@code firstContactAt}. */
public record ContactLead(String ownerId, Instant at) {
}
