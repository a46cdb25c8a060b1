package dev.pulsecrm.client.support;

public enum TicketStatus {

	OPEN, PENDING, RESOLVED, CLOSED

}
