package dev.pulsecrm.client.marketing;

import java.time.Instant;

/** {@code POST /api/marketing/leads/{id}/disqualify}. */
public record DisqualifyLead(String reason, Instant at) {
}
