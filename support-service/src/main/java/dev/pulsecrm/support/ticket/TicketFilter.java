package dev.pulsecrm.support.ticket;

import java.time.Instant;

/**
 * The filters of {@code GET /tickets}, typed before they reach a query. {@code dueBefore} is the agent's queue:
 * active tickets whose next deadline is before it, most urgent first.
 */
public record TicketFilter(TicketStatus status, Priority priority, String assigneeId, String team, String accountId,
		String channel, String category, Boolean breached, Instant dueBefore) {
}
