package dev.pulsecrm.support.ticket;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /tickets/{id}/reply}: {@code public} is false for an internal note. */
public record ReplyToTicket(@NotBlank @Size(max = 100) String agentId,
		@NotNull @JsonProperty("public") Boolean publicReply, Instant at) {
}
