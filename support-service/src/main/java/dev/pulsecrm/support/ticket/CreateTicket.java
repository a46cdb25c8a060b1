package dev.pulsecrm.support.ticket;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/support/tickets}. {@code accountId} is sales' account id, opaque here. {@code channel} is free
 * text (EMAIL, PHONE, CHAT, WEB, …), stored upper-case so facts grouped by channel do not split on spelling.
 */
public record CreateTicket(@NotBlank @Size(max = 100) String accountId, @NotBlank @Size(max = 500) String subject,
		@NotNull Priority priority, @NotBlank @Size(max = 50) String channel, @Size(max = 100) String category,
		@Size(max = 100) String assigneeId, @Size(max = 100) String team, @Size(max = 200) String externalId,
		Instant createdAt) {
}
