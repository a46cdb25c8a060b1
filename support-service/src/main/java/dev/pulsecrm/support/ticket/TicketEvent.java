package dev.pulsecrm.support.ticket;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of a ticket's history. {@code resolvedDelta} is +1 for a resolve, −1 for a reopen and 0 otherwise, so
 * "resolved at t" is a plain {@code $sum} over the events before t on every MongoDB backend.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketEvent(TicketAction action, Instant at, String agentId,
		@JsonProperty("public") Boolean publicReply, @JsonIgnore int resolvedDelta) {

	static TicketEvent of(TicketAction action, Instant at) {
		int delta = switch (action) {
			case RESOLVE -> 1;
			case REOPEN -> -1;
			default -> 0;
		};
		return new TicketEvent(action, at, null, null, delta);
	}

	static TicketEvent reply(Instant at, String agentId, boolean publicReply) {
		return new TicketEvent(TicketAction.REPLY, at, agentId, publicReply, 0);
	}
}
