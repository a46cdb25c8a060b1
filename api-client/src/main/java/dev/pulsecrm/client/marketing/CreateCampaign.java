package dev.pulsecrm.client.marketing;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.client.Money;

/** {@code POST /api/marketing/campaigns}; targeting (region, industry, segment) and endDate are optional. */
public record CreateCampaign(String name, Channel channel, Money budget, LocalDate startDate, LocalDate endDate,
		String region, String industry, String segment, String externalId, Instant createdAt) {
}
