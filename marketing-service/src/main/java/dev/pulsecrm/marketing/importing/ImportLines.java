package dev.pulsecrm.marketing.importing;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.marketing.subscription.SubscriptionType;
import dev.pulsecrm.platform.money.Money;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The marketing record kinds of {@code docs/import-format.md}; campaigns use the {@code POST /campaigns} body. */
final class ImportLines {

	private ImportLines() {
	}

	record SpendLine(@Size(max = 100) String campaignId, @Size(max = 200) String campaignExternalId,
			@NotNull Money amount, @NotNull LocalDate date, @Size(max = 200) String externalId) {
	}

	/** The {@code POST /leads} body plus its history. */
	record LeadLine(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String email,
			@Size(max = 200) String company, @PositiveOrZero @Max(10_000_000) Integer companySize,
			@Size(max = 100) String industry, @Size(max = 100) String region, @Size(max = 100) String segment,
			@Size(max = 100) String role, @NotNull Channel channel, @Size(max = 100) String campaignId,
			@Size(max = 200) String campaignExternalId, @Size(max = 100) String ownerId,
			@Size(max = 200) String externalId, Instant createdAt, Instant contactedAt, Instant qualifiedAt,
			Instant disqualifiedAt, @Size(max = 500) String reason) {
	}

	/** An engagement event; re-importing it is a no-op because (campaign, lead, type, at) is unique. */
	record EventLine(@Size(max = 100) String campaignId, @Size(max = 200) String campaignExternalId,
			@Size(max = 100) String leadId, @Size(max = 200) String leadExternalId, @Email String email,
			@NotNull EngagementType event, @NotNull Instant at, @Size(max = 200) String externalId) {
	}

	record SubscriptionLine(@NotBlank @Email @Size(max = 320) String email, @NotNull SubscriptionType action,
			@NotNull Instant at, @Size(max = 200) String externalId) {
	}
}
