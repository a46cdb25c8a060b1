package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import org.bson.Document;

import org.springframework.stereotype.Component;

import static dev.pulsecrm.sales.facts.SalesRollups.instant;
import static dev.pulsecrm.sales.facts.SalesRollups.name;
import static dev.pulsecrm.sales.facts.SalesRollups.number;
import static dev.pulsecrm.sales.facts.SalesRollups.text;

/**
 * What a stored deal adds to the sales rollups (see {@link SalesRollups} for the families). Everything comes from the
 * deal's own document, which already holds the numbers the facts need ({@code amountCents}, {@code cycleMillis},
 * {@code leadToCustomerMillis}, each visit's {@code durationMillis}) and the account fields copied at creation.
 *
 * <p>Amounts are the deal's current amount for its whole history, as the scans used them: a final amount set at a
 * win changes the pipeline the deal was part of before, so that write rewrites those contributions too.
 */
@Component
class DealRollupSource implements RollupSource {

	@Override
	public String collection() {
		return "deals";
	}

	@Override
	public String version() {
		return "sales-deals-5";
	}

	@Override
	public Set<String> distinctFamilies() {
		return Set.of(SalesRollups.WON_ACCOUNT, SalesRollups.WON_UPSELL);
	}

	@Override
	public Set<String> firstSeenFamilies() {
		return Set.of(SalesRollups.WON_NEW);
	}

	@Override
	public List<Contribution> contributions(Document deal) {
		SalesRollups.Collector out = new SalesRollups.Collector();
		Map<String, String> dims = SalesRollups.dims(deal, SalesRollups.DEAL_DIMENSIONS);
		String accountId = text(deal.get("accountId"));
		Document amount = deal.get("amount", Document.class);
		String currency = (amount == null) ? "" : text(amount.get("currency"));
		long cents = number(deal.get("amountCents"));
		List<Document> history = deal.getList("stageHistory", Document.class, List.of());

		Instant wonAt = instant(deal.get("wonAt"));
		if (wonAt != null) {
			won(out, deal, dims, accountId, currency, cents, wonAt);
		}
		Instant lostAt = instant(deal.get("lostAt"));
		if (lostAt != null) {
			Map<String, String> lostDims = new TreeMap<>(dims);
			lostDims.put(FactsDimension.LOSS_REASON.key, text(deal.get("lossReason")));
			out.add(SalesRollups.LOST, lostAt, lostDims, Map.of(SalesRollups.LOSSES, 1L));
		}
		for (Document visit : history) {
			Instant exitedAt = instant(visit.get("exitedAt"));
			if (exitedAt != null) {
				String stage = text(visit.get("stage"));
				out.add(SalesRollups.STAGES, exitedAt, dims, Map.of(name(SalesRollups.VISITS, stage), 1L,
						name(SalesRollups.VISIT_MILLIS, stage), number(visit.get("durationMillis"))));
			}
		}
		Instant closedAt = instant(deal.get("closedAt"));
		if (closedAt != null) {
			closed(out, deal, dims, history, closedAt);
		}
		open(out, deal, dims, history, currency, cents, closedAt);
		return out.contributions();
	}

	private static void won(SalesRollups.Collector out, Document deal, Map<String, String> dims, String accountId,
			String currency, long cents, Instant wonAt) {
		Map<String, Long> values = new TreeMap<>();
		values.put(SalesRollups.COUNT_WON, 1L);
		values.put(SalesRollups.CYCLE_MILLIS, number(deal.get("cycleMillis")));
		values.put(name(SalesRollups.WON_CENTS, currency), cents);
		values.put(name(SalesRollups.WON_COUNT_IN, currency), 1L);
		if (deal.get("leadToCustomerMillis") != null) {
			values.put(SalesRollups.LEAD_COUNT, 1L);
			values.put(SalesRollups.LEAD_MILLIS, number(deal.get("leadToCustomerMillis")));
		}
		String type = text(deal.get("type"));
		if (type.equals("UPSELL") || type.equals("CROSS_SELL")) {
			values.put(SalesRollups.UPSELLS, 1L);
		}
		out.add(SalesRollups.WON, wonAt, dims, values);
		Map<String, Long> amount = new TreeMap<>();
		amount.put(name(SalesRollups.WON_CENTS, currency), cents);
		amount.put(name(SalesRollups.WON_COUNT_IN, currency), 1L);
		out.addDistinct(Contribution.of(SalesRollups.WON_NEW, wonAt, dims, amount).withKey(accountId));
		out.addDistinct(Contribution.of(SalesRollups.WON_ACCOUNT, wonAt, dims, Map.of(SalesRollups.ACCOUNTS_WON, 1L))
			.withKey(accountId));
		if (values.containsKey(SalesRollups.UPSELLS)) {
			out.addDistinct(Contribution.of(SalesRollups.WON_UPSELL, wonAt, dims, Map.of(SalesRollups.UPSELLS, 1L))
				.withKey(accountId));
		}
	}

	/** Once per distinct stage the deal ever entered, as the scans counted a closed deal. */
	private static void closed(SalesRollups.Collector out, Document deal, Map<String, String> dims,
			List<Document> history, Instant closedAt) {
		Set<String> entered = new LinkedHashSet<>();
		history.forEach((visit) -> entered.add(text(visit.get("stage"))));
		boolean won = "WON".equals(deal.get("status"));
		Map<String, Long> values = new TreeMap<>();
		for (String stage : entered) {
			values.put(name(SalesRollups.CLOSED_ENTERED, stage), 1L);
			if (won) {
				values.put(name(SalesRollups.WON_ENTERED, stage), 1L);
			}
		}
		out.add(SalesRollups.STAGES, closedAt, dims, values);
	}

	/**
	 * A visit counts as open at {@code t} when the deal was created before {@code t} and not closed before it, and the
	 * visit was entered before {@code t} and not exited before it: from max(createdAt, enteredAt) up to
	 * min(exitedAt, closedAt), +1 (and its amount) at the start, −1 at the end.
	 */
	private static void open(SalesRollups.Collector out, Document deal, Map<String, String> dims,
			List<Document> history, String currency, long cents, Instant closedAt) {
		Instant createdAt = instant(deal.get("createdAt"));
		if (createdAt == null) {
			return;
		}
		for (Document visit : history) {
			Instant enteredAt = instant(visit.get("enteredAt"));
			if (enteredAt == null) {
				continue;
			}
			Instant start = enteredAt.isAfter(createdAt) ? enteredAt : createdAt;
			Instant end = earlier(instant(visit.get("exitedAt")), closedAt);
			if (end != null && !end.isAfter(start)) {
				continue;
			}
			String stage = text(visit.get("stage"));
			String deals = name(SalesRollups.OPEN_DEALS, stage, currency);
			String amount = name(SalesRollups.OPEN_CENTS, stage, currency);
			out.add(SalesRollups.STAGES, start, dims, Map.of(deals, 1L, amount, cents));
			if (end != null) {
				out.add(SalesRollups.STAGES, end, dims, Map.of(deals, -1L, amount, -cents));
			}
		}
	}

	private static Instant earlier(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}
}
