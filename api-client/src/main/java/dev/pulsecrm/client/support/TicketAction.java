package dev.pulsecrm.client.support;

public enum TicketAction {

	REPLY, RESOLVE, REOPEN, CLOSE

}
