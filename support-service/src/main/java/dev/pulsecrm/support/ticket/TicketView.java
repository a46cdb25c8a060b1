package dev.pulsecrm.support.ticket;

import java.time.Instant;
import java.util.List;

/** A ticket as the API shows it; {@code breached} is evaluated against the server clock at read time. */
public record TicketView(String id, String externalId, String accountId, String subject, Priority priority,
		String channel, String category, String assigneeId, String team, TicketStatus status, Instant createdAt,
		Instant firstResponseAt, Instant resolvedAt, List<Instant> resolutions, Instant closedAt,
		Instant firstResponseDueAt, Instant resolutionDueAt, Instant nextDueAt, boolean breached,
		List<TicketEvent> history) {

	static TicketView of(Ticket ticket, Instant now) {
		return new TicketView(ticket.id(), ticket.externalId(), ticket.accountId(), ticket.subject(),
				ticket.priority(), ticket.channel(), ticket.category(), ticket.assigneeId(), ticket.team(),
				ticket.status(), ticket.createdAt(), ticket.firstResponseAt(), ticket.resolvedAt(),
				ticket.resolutions(), ticket.closedAt(), ticket.firstResponseDueAt(), ticket.resolutionDueAt(),
				ticket.nextDueAt(), ticket.breachedAt(now), ticket.history());
	}
}
