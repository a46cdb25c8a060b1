package dev.pulsecrm.client.sales;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record Activity(String id, String externalId, ActivityType type, String subject, String ownerId,
		String dealId, String accountId, Instant dueAt, Instant completedAt, Instant createdAt) {
}
