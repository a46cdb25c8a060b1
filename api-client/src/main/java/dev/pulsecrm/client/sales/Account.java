package dev.pulsecrm.client.sales;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A company sales sells to: {@code PROSPECT} until its first won deal, then {@code CUSTOMER}, maybe {@code CHURNED}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(String id, String externalId, String name, String industry, String region, String segment,
		String ownerId, String team, AccountStatus status, Instant createdAt, Instant customerSince,
		Instant churnedAt, String churnReason) {
}
