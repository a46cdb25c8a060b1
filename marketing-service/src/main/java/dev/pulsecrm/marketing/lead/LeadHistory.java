package dev.pulsecrm.marketing.lead;

import java.time.Instant;

/** Past transitions of an imported lead, applied in order: contact, qualify, disqualify. */
public record LeadHistory(Instant contactedAt, Instant qualifiedAt, Instant disqualifiedAt, String reason) {
}
