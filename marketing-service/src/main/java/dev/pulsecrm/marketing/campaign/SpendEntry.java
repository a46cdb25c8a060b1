package dev.pulsecrm.marketing.campaign;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.platform.money.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One dated cost of a campaign. The campaign's channel and targeting are copied in at write time (campaigns do not
 * change them) so the facts group spend without a join; {@code dayStart} is the date's first instant in UTC, which is
 * what "dated in period" compares.
 */
@Document("spend")
@CompoundIndex(name = "period_campaign", def = "{'dayStart': 1, 'campaignId': 1}")
public record SpendEntry(@Id String id, @Indexed(unique = true, sparse = true) String externalId,
		@Indexed String campaignId, @JsonIgnore Channel campaignChannel, @JsonIgnore String campaignRegion,
		@JsonIgnore String campaignIndustry, @JsonIgnore String campaignSegment, Money amount,
		@JsonIgnore long cents, @JsonIgnore String currency, LocalDate date, @JsonIgnore Instant dayStart,
		Instant createdAt) {
}
