package dev.pulsecrm.client.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pulsecrm.client.Money;

/** A deal with its stage history and outcome. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deal(String id, String externalId, String accountId, String name, String ownerId, String team,
		Money amount, DealType type, DealStatus status, String stage, LocalDate expectedCloseDate, String campaignId,
		String sourceLeadId, Instant leadCreatedAt, Instant createdAt, List<StageVisit> stageHistory, Instant wonAt,
		Instant lostAt, String lossReason) {
}
