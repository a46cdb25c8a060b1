package dev.pulsecrm.client.marketing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A lead with its score and how far marketing got with it; a converted lead names its sales account and deal. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Lead(String id, String externalId, String name, String email, String company, Integer companySize,
		String industry, String region, String segment, String role, Channel channel, String campaignId,
		String ownerId, LeadStatus status, long score, Instant createdAt, Instant firstContactAt,
		Instant qualifiedAt, Instant disqualifiedAt, String disqualificationReason, Instant convertedAt,
		String accountId, String dealId) {
}
