package dev.pulsecrm.client.sales;

import java.time.Instant;

/** {@code POST /api/sales/accounts}; {@code externalId} and {@code createdAt} are optional. */
public record CreateAccount(String name, String industry, String region, String segment, String ownerId, String team,
		String externalId, Instant createdAt) {
}
