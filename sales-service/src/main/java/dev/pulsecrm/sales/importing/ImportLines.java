package dev.pulsecrm.sales.importing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.sales.activity.Activity.ActivityType;
import dev.pulsecrm.sales.deal.Deal.DealType;
import dev.pulsecrm.sales.deal.DealHistory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The sales import lines of docs/import-format.md. A record's own type is renamed ({@code dealType},
 * {@code activityType}); references take an id or an external id.
 */
final class ImportLines {

	private ImportLines() {
	}

	/** A deal with its whole history: stages entered in order, then {@code wonAt} (+ finalAmount) or lostAt. */
	record DealLine(@Size(max = 100) String accountId, @Size(max = 200) String accountExternalId,
			@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String ownerId,
			@Size(max = 100) String team, @NotNull Money amount, @NotNull DealType dealType,
			@Size(max = 100) String stage, LocalDate expectedCloseDate, @Size(max = 100) String campaignId,
			@Size(max = 100) String sourceLeadId, Instant leadCreatedAt, @Size(max = 200) String externalId,
			Instant createdAt, @Size(max = 1000) List<DealHistory.Entry> stageHistory, Instant wonAt,
			Money finalAmount, Instant lostAt, @Size(max = 200) String lossReason) {
	}

	record StageLine(String dealId, String dealExternalId, @NotBlank @Size(max = 100) String stage,
			@NotNull Instant at) {
	}

	record WinLine(String dealId, String dealExternalId, @NotNull Instant at, Money amount) {
	}

	record LoseLine(String dealId, String dealExternalId, @NotBlank @Size(max = 200) String reason,
			@NotNull Instant at) {
	}

	record ChurnLine(String accountId, String accountExternalId, @NotBlank @Size(max = 500) String reason,
			@NotNull Instant at) {
	}

	record ActivityLine(@NotNull ActivityType activityType, @NotBlank @Size(max = 300) String subject,
			@NotBlank @Size(max = 100) String ownerId, String dealId, String dealExternalId, String accountId,
			String accountExternalId, Instant dueAt, Instant completedAt, @Size(max = 200) String externalId,
			Instant createdAt) {
	}
}
