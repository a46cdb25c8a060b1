package dev.pulsecrm.sales.deal;

import java.time.Instant;
import java.util.List;

import dev.pulsecrm.platform.money.Money;

/**
 * A deal's past, imported in one piece: each stage entered (exits are derived from the next entry), then at most one
 * outcome. Empty lists and nulls mean "nothing happened yet".
 */
public record DealHistory(List<Entry> stageHistory, Instant wonAt, Money finalAmount, Instant lostAt,
		String lossReason) {

	public static final DealHistory NONE = new DealHistory(List.of(), null, null, null, null);

	public DealHistory {
		stageHistory = stageHistory == null ? List.of() : List.copyOf(stageHistory);
	}

	public record Entry(String stage, Instant enteredAt) {
	}
}
