package dev.pulsecrm.marketing.lead;

import java.time.Instant;

import dev.pulsecrm.marketing.campaign.Channel;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** {@code POST /leads}. {@code companySize} (employees) is the numeric attribute GTE/LTE scoring rules test. */
public record CreateLead(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String email,
		@Size(max = 200) String company, @PositiveOrZero @Max(10_000_000) Integer companySize,
		@Size(max = 100) String industry, @Size(max = 100) String region, @Size(max = 100) String segment,
		@Size(max = 100) String role, @NotNull Channel channel, @Size(max = 100) String campaignId,
		@Size(max = 100) String ownerId, @Size(max = 200) String externalId, Instant createdAt) {
}
