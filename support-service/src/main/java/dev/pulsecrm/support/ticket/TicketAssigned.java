package dev.pulsecrm.support.ticket;

/** Published after a ticket changes hands, so records that copy its team (survey responses) can follow. */
public record TicketAssigned(String ticketId, String team) {
}
