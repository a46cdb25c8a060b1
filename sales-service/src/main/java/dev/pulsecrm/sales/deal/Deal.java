package dev.pulsecrm.sales.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sales opportunity moving through the pipeline. Its {@code stageHistory} records every stage visit; winning or
 * losing closes the open visit. {@code amountCents} mirrors {@code amount} so MongoDB sums it exactly.
 */
@Document("deals")
public record Deal(@Id String id, @Indexed(unique = true, sparse = true) String externalId, String accountId,
		String name, String ownerId, String team, Money amount, @JsonIgnore long amountCents, DealType type,
		DealStatus status, String stage, LocalDate expectedCloseDate, String campaignId, String sourceLeadId,
		Instant leadCreatedAt, Instant createdAt, List<StageVisit> stageHistory, Instant wonAt, Instant lostAt,
		String lossReason, @Version Long version) {

	public enum DealType {

		NEW_BUSINESS, UPSELL, CROSS_SELL, RENEWAL

	}

	public enum DealStatus {

		OPEN, WON, LOST

	}

	/** Wins the deal at {@code at}, closing the open stage visit; only an open deal can be won. */
	public Deal win(Instant at, Money finalAmount) {
		requireOpen("win");
		requireNotBeforeLastMove(at);
		Money amount = finalAmount != null ? finalAmount : this.amount;
		return new Deal(this.id, this.externalId, this.accountId, this.name, this.ownerId, this.team, amount,
				amount.cents(), this.type, DealStatus.WON, this.stage, this.expectedCloseDate, this.campaignId,
				this.sourceLeadId, this.leadCreatedAt, this.createdAt, closeOpenVisit(at), at, null, null,
				this.version);
	}

	void requireOpen(String action) {
		if (this.status != DealStatus.OPEN) {
			throw ProblemException.conflict("cannot " + action + " deal " + this.id + ": it is " + this.status);
		}
	}

	void requireNotBeforeLastMove(Instant at) {
		Instant last = this.stageHistory.isEmpty() ? this.createdAt
				: this.stageHistory.get(this.stageHistory.size() - 1).enteredAt();
		if (at.isBefore(last)) {
			throw ProblemException.invalid("at", "must not be before the deal's last stage change (" + last + ")");
		}
	}

	List<StageVisit> closeOpenVisit(Instant at) {
		List<StageVisit> history = new ArrayList<>(this.stageHistory);
		int last = history.size() - 1;
		if (last >= 0 && history.get(last).exitedAt() == null) {
			history.set(last, history.get(last).exit(at));
		}
		return List.copyOf(history);
	}
}
