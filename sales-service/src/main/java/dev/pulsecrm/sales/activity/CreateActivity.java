package dev.pulsecrm.sales.activity;

import java.time.Instant;

import dev.pulsecrm.sales.activity.Activity.ActivityType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /activities}; {@code dueAt} may be in the future (a reminder), {@code completedAt} may not. */
public record CreateActivity(@NotNull ActivityType type, @NotBlank @Size(max = 300) String subject,
		@NotBlank @Size(max = 100) String ownerId, @Size(max = 100) String dealId, @Size(max = 100) String accountId,
		Instant dueAt, Instant completedAt, @Size(max = 200) String externalId, Instant createdAt) {
}
