package dev.pulsecrm.support.ticket;

/**
 * {@code OPEN → PENDING} (a public reply: waiting on the customer) {@code → RESOLVED → CLOSED}; a resolved ticket
 * may be reopened. {@code CLOSED} is final: a customer coming back about a closed ticket gets a new ticket.
 */
public enum TicketStatus {

	OPEN, PENDING, RESOLVED, CLOSED;

	/** Still needs an agent: the states of the agent's queue and of the backlog. */
	public boolean isActive() {
		return this == OPEN || this == PENDING;
	}
}
