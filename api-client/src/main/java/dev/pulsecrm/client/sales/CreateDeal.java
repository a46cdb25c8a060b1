package dev.pulsecrm.client.sales;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.client.Money;

/** {@code POST /api/sales/deals}; everything after {@code type} is optional ({@code stage} defaults to the first). */
public record CreateDeal(String accountId, String name, String ownerId, String team, Money amount, DealType type,
		String stage, LocalDate expectedCloseDate, String campaignId, String sourceLeadId, Instant leadCreatedAt,
		String externalId, Instant createdAt) {
}
