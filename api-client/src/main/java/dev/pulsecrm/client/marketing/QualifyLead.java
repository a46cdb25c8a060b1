package dev.pulsecrm.client.marketing;

import java.time.Instant;

/** {@code POST /api/marketing/leads/{id}/qualify}. */
public record QualifyLead(Instant at) {
}
