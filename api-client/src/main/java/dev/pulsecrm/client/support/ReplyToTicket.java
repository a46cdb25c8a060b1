package dev.pulsecrm.client.support;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/support/tickets/{id}/reply}: {@code public} false is an internal note. */
public record ReplyToTicket(String agentId, @JsonProperty("public") Boolean publicReply, Instant at) {
}
