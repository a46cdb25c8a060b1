package dev.pulsecrm.client.support;

/** {@code POST /api/support/tickets/{id}/assign}. */
public record AssignTicket(String assigneeId, String team) {
}
