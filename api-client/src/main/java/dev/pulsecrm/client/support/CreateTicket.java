package dev.pulsecrm.client.support;

import java.time.Instant;

/** {@code POST /api/support/tickets}; {@code accountId} is sales' account id, {@code channel} free text (EMAIL …). */
public record CreateTicket(String accountId, String subject, Priority priority, String channel, String category,
		String assigneeId, String team, String externalId, Instant createdAt) {
}
