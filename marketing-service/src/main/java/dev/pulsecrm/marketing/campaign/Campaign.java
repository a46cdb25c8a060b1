package dev.pulsecrm.marketing.campaign;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pulsecrm.platform.money.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A marketing campaign with its budget and optional targeting (region, industry, segment), which is what its spend
 * is grouped by in the facts. Spend entries must be in the budget's currency, so {@code spentCents} is one exact sum.
 */
@Document("campaigns")
public record Campaign(@Id String id, @Indexed(unique = true, sparse = true) String externalId, String name,
		@Indexed Channel channel, Money budget, @JsonIgnore long budgetCents, LocalDate startDate, LocalDate endDate,
		String region, String industry, String segment, Instant createdAt, @JsonIgnore long spentCents,
		@JsonIgnore @Version Long version) {

	/** Σ of the campaign's spend entries, in the budget's currency. */
	@JsonProperty("spend")
	public Money spend() {
		return Money.ofCents(this.spentCents, this.budget.currency());
	}
}
