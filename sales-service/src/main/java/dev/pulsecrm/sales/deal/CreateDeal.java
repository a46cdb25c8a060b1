package dev.pulsecrm.sales.deal;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.sales.deal.Deal.DealType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /deals}. */
public record CreateDeal(@NotBlank @Size(max = 100) String accountId, @NotBlank @Size(max = 200) String name,
		@NotBlank @Size(max = 100) String ownerId, @Size(max = 100) String team, @NotNull Money amount,
		@NotNull DealType type, @Size(max = 100) String stage, LocalDate expectedCloseDate,
		@Size(max = 100) String campaignId, @Size(max = 100) String sourceLeadId, Instant leadCreatedAt,
		@Size(max = 200) String externalId, Instant createdAt) {
}
