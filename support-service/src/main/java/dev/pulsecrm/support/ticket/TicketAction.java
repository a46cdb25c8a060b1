package dev.pulsecrm.support.ticket;

/** What happened to a ticket after its creation, as kept in its history and accepted by the import. */
public enum TicketAction {

	REPLY, RESOLVE, REOPEN, CLOSE

}
