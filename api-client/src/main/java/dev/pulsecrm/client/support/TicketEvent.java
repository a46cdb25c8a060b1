package dev.pulsecrm.client.support;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of a ticket's history; {@code public} (a Java keyword, hence the name) only for replies. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketEvent(TicketAction action, Instant at, String agentId,
		@JsonProperty("public") Boolean publicReply) {
}
