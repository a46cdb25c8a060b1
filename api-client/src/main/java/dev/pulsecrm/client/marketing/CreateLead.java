package dev.pulsecrm.client.marketing;

import java.time.Instant;

/** {@code POST /api/marketing/leads}; {@code companySize} (employees) is what GTE/LTE scoring rules test. */
public record CreateLead(String name, String email, String company, Integer companySize, String industry,
		String region, String segment, String role, Channel channel, String campaignId, String ownerId,
		String externalId, Instant createdAt) {
}
