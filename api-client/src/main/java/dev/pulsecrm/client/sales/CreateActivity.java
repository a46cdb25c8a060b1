package dev.pulsecrm.client.sales;

import java.time.Instant;

/** {@code POST /api/sales/activities}; with a {@code dueAt} it is a reminder. */
public record CreateActivity(ActivityType type, String subject, String ownerId, String dealId, String accountId,
		Instant dueAt, Instant completedAt, String externalId, Instant createdAt) {
}
