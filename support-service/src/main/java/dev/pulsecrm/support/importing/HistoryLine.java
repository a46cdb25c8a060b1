package dev.pulsecrm.support.importing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pulsecrm.support.ticket.TicketAction;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One past event of an imported ticket; a reply without {@code public} is taken as public, the usual case. */
record HistoryLine(@NotNull TicketAction action, @NotNull Instant at, @Size(max = 100) String agentId,
		@JsonProperty("public") Boolean publicReply) {
}
