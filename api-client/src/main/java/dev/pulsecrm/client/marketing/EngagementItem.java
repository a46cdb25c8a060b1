package dev.pulsecrm.client.marketing;

import java.time.Instant;

/** One item of {@code POST /api/marketing/campaigns/{id}/events}: the lead by id or by email. */
public record EngagementItem(String leadId, String email, EngagementType type, Instant at) {
}
