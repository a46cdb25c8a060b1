package dev.pulsecrm.client.support;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A ticket with its SLA deadlines; {@code breached} is judged by the server clock when it is read. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ticket(String id, String externalId, String accountId, String subject, Priority priority,
		String channel, String category, String assigneeId, String team, TicketStatus status, Instant createdAt,
		Instant firstResponseAt, Instant resolvedAt, List<Instant> resolutions, Instant closedAt,
		Instant firstResponseDueAt, Instant resolutionDueAt, Instant nextDueAt, boolean breached,
		List<TicketEvent> history) {
}
