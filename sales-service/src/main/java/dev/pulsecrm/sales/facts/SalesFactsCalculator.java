package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pulsecrm.sales.facts.FactsGroups.GroupFacts;
import dev.pulsecrm.sales.facts.FactsGroups.Groups;
import dev.pulsecrm.sales.facts.FactsGroups.StageTotals;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.platform.rollup.Tally;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import dev.pulsecrm.sales.pipeline.PipelineService;

import org.springframework.stereotype.Component;

import static dev.pulsecrm.sales.facts.SalesRollups.name;
import static dev.pulsecrm.sales.facts.SalesRollups.parts;

/**
 * Computes {@code SalesFacts} for a half-open period [from, to) from the KPI rollups the deal and account writes
 * maintain ({@link DealRollupSource}, {@link AccountRollupSource}; KPIS.md gives the definitions), so a request costs
 * what the days of its period cost, not what the number of records does.
 *
 * <p>What each {@code group_by} splits; every other field of a group stays 0 (or empty):
 * <ul>
 * <li>{@code ""}: one group with every field;</li>
 * <li>{@code owner}, {@code team}, {@code region}, {@code segment}, {@code industry}: every field; deal facts by
 * the deal's field, customer counts by the account's field;</li>
 * <li>{@code campaign}: every deal fact (won, lost, revenue, accounts, upsell, cycle, lead-to-customer, revenue from
 * new customers, stages, pipeline), and the new customers (with those still active at {@code to}) by the campaign of
 * the deal whose win made each a customer, so CAC and acquired value split by campaign and channel; the other
 * customer counts (active, churned) stay 0;</li>
 * <li>{@code stage}: one group per stage with that stage's {@code StageFacts} and its {@code pipeline_value} and
 * {@code open_deals} at {@code to}; everything else 0;</li>
 * <li>{@code lossReason}: {@code deals_lost} only.</li>
 * </ul>
 * A deal or account without a value for the dimension falls in the group whose value is {@code ""}. A group (and a
 * stage or currency inside it) appears when at least one record counts in it, never because sums that cancelled out
 * left a zero behind.
 *
 * <p>Distinct accounts and the revenue of new customers come from the accounts' win chains ({@link #wonAccounts}).
 * The campaign of a new customer (of the deal won at exactly its {@code customerSince}; on a tie the smallest deal id)
 * is joined when the win is written: the account keeps it ({@code Account.acquiringCampaignId}), and its new-customer
 * and churn contributions carry it as a dimension ({@link AccountRollupSource}). So every split, by campaign too,
 * reads sums in O(days) and no read grows with the records of the period.
 */
@Component
class SalesFactsCalculator {

	private final Rollups rollups;

	private final PipelineService pipelines;

	SalesFactsCalculator(Rollups rollups, PipelineService pipelines) {
		this.rollups = rollups;
		this.pipelines = pipelines;
	}

	/** Whether the rollups hold every record (false while they are built at start). */
	boolean ready() {
		return this.rollups.ready();
	}

	SalesFactsReply compute(Instant from, Instant to, FactsDimension dimension) {
		Rollups.Reader reader = this.rollups.reader(families(dimension));
		String dim = (dimension == FactsDimension.TOTAL) ? null : dimension.key;
		Groups groups = new Groups();
		if (dimension.splitsDealFacts()) {
			wonDeals(groups, reader.sum(SalesRollups.WON, from, to, dim));
			wonAccounts(groups, reader, from, to, dim);
		}
		if (dimension.splitsLostDeals()) {
			lostDeals(groups, reader.sum(SalesRollups.LOST, from, to, dim));
		}
		if (dimension.splitsStageFacts()) {
			String stageDim = (dimension == FactsDimension.STAGE) ? null : dim;
			Map<String, Tally> stages = reader.sum(SalesRollups.STAGES, from, to, stageDim);
			visitsEnded(groups, stages);
			closedDealsEntered(groups, stages);
			openAtTo(groups, reader.stateAt(SalesRollups.STAGES, to, stageDim));
		}
		if (dimension.splitsCustomers()) {
			customers(groups, reader, from, to, dim);
		}
		else if (dimension == FactsDimension.CAMPAIGN) {
			// only acquisition is a campaign's doing: active and churned counts stay 0
			newCustomers(groups, reader, from, to, dim);
		}
		return groups.toReply(dimension, this.pipelines.current());
	}

	/** The families a request for {@code dimension} reads, so the reader fetches nothing else. */
	private static String[] families(FactsDimension dimension) {
		Set<String> families = new LinkedHashSet<>();
		if (dimension.splitsDealFacts()) {
			families.addAll(
					List.of(SalesRollups.WON, SalesRollups.WON_ACCOUNT, SalesRollups.WON_UPSELL, SalesRollups.WON_NEW));
		}
		if (dimension.splitsLostDeals()) {
			families.add(SalesRollups.LOST);
		}
		if (dimension.splitsStageFacts()) {
			families.add(SalesRollups.STAGES);
		}
		if (dimension.splitsCustomers()) {
			families.addAll(List.of(SalesRollups.CUSTOMER, SalesRollups.NEW_CUSTOMER, SalesRollups.CHURN));
		}
		else if (dimension == FactsDimension.CAMPAIGN) {
			families.addAll(List.of(SalesRollups.NEW_CUSTOMER, SalesRollups.CHURN));
		}
		return families.toArray(String[]::new);
	}

	// deals won in period: count, revenue per currency, cycle and lead-to-customer
	private static void wonDeals(Groups groups, Map<String, Tally> won) {
		won.forEach((group, tally) -> {
			long count = tally.value(SalesRollups.COUNT_WON);
			if (count <= 0) {
				return;
			}
			GroupFacts facts = groups.of(group);
			facts.dealsWon += count;
			facts.cycleCount += count;
			facts.cycleMillis += tally.value(SalesRollups.CYCLE_MILLIS);
			facts.leadToCustomerCount += tally.value(SalesRollups.LEAD_COUNT);
			facts.leadToCustomerMillis += tally.value(SalesRollups.LEAD_MILLIS);
			addAmounts(facts.revenue, tally.values());
		});
	}

	/**
	 * Distinct accounts with a deal won in the period (and with an upsell or cross-sell won), and the deals won in the
	 * period by accounts whose {@code customerSince} is in it: each account's chain of won amounts starts at its
	 * {@code customerSince} ({@link SalesRollups#WON_NEW}), so those are the wins of accounts first seen in the period.
	 * All three from the accounts' chains, in O(days). A won deal whose account was deleted from the store behind the
	 * service's back (no API does) has no {@code customerSince} to start its chain: its first win counts as new.
	 */
	private static void wonAccounts(Groups groups, Rollups.Reader reader, Instant from, Instant to, String dim) {
		reader.distinct(SalesRollups.WON_ACCOUNT, from, to, dim).forEach((group, count) -> {
			if (count > 0) {
				groups.of(group).accountsWithWonDeal += count;
			}
		});
		reader.distinct(SalesRollups.WON_UPSELL, from, to, dim).forEach((group, count) -> {
			if (count > 0) {
				groups.of(group).upsellAccounts += count;
			}
		});
		reader.sumFirstSeen(SalesRollups.WON_NEW, from, to, dim)
			.forEach((group, tally) -> addAmounts(groups.of(group).revenueFromNewCustomers, tally.values()));
	}

	/** Cents per currency of the currencies with at least one deal ({@code k:<currency>} counts them). */
	private static void addAmounts(Map<String, Long> centsByCurrency, Map<String, Long> values) {
		values.forEach((valueName, count) -> {
			List<String> currency = parts(valueName, SalesRollups.WON_COUNT_IN);
			if (currency != null && count > 0) {
				centsByCurrency.merge(currency.get(0),
						values.getOrDefault(name(SalesRollups.WON_CENTS, currency.get(0)), 0L), Long::sum);
			}
		});
	}

	private static void lostDeals(Groups groups, Map<String, Tally> lost) {
		lost.forEach((group, tally) -> {
			long count = tally.value(SalesRollups.LOSSES);
			if (count > 0) {
				groups.of(group).dealsLost += count;
			}
		});
	}

	// stage visits whose exitedAt is in the period, with the durationMillis stored when each visit ended
	private static void visitsEnded(Groups groups, Map<String, Tally> ended) {
		ended.forEach((group, tally) -> tally.values().forEach((valueName, count) -> {
			List<String> stage = parts(valueName, SalesRollups.VISITS);
			if (stage != null && count > 0) {
				StageTotals totals = groups.of(group).stage(stage.get(0));
				totals.visitsEnded += count;
				totals.visitMillis += tally.value(name(SalesRollups.VISIT_MILLIS, stage.get(0)));
			}
		}));
	}

	// deals closed in period that ever entered each stage (a deal counted once per stage), and how many were won
	private static void closedDealsEntered(Groups groups, Map<String, Tally> closed) {
		closed.forEach((group, tally) -> tally.values().forEach((valueName, count) -> {
			List<String> stage = parts(valueName, SalesRollups.CLOSED_ENTERED);
			if (stage != null && count > 0) {
				StageTotals totals = groups.of(group).stage(stage.get(0));
				totals.closedDealsEntered += count;
				totals.wonDealsEntered += tally.value(name(SalesRollups.WON_ENTERED, stage.get(0)));
			}
		}));
	}

	/**
	 * Deals open at {@code to} by the stage they were in at {@code to}, with their current amounts: the running sum
	 * of the visits' +1/−1 steps before {@code to}, per stage and currency.
	 */
	private static void openAtTo(Groups groups, Map<String, Tally> open) {
		open.forEach((group, tally) -> tally.values().forEach((valueName, count) -> {
			List<String> stageAndCurrency = parts(valueName, SalesRollups.OPEN_DEALS);
			if (stageAndCurrency != null && count > 0) {
				String stage = stageAndCurrency.get(0);
				String currency = stageAndCurrency.get(1);
				StageTotals totals = groups.of(group).stage(stage);
				totals.openDeals += count;
				totals.openCents.merge(currency, tally.value(name(SalesRollups.OPEN_CENTS, stage, currency)),
						Long::sum);
			}
		}));
	}

	/** Customers: active at t = customerSince < t and not churned before t (a running sum), new, and churned. */
	private static void customers(Groups groups, Rollups.Reader reader, Instant from, Instant to, String dim) {
		reader.stateAt(SalesRollups.CUSTOMER, from, dim).forEach((group, tally) -> {
			long count = tally.value(SalesRollups.CUSTOMERS);
			if (count > 0) {
				groups.of(group).activeAtFrom += count;
			}
		});
		reader.stateAt(SalesRollups.CUSTOMER, to, dim).forEach((group, tally) -> {
			long count = tally.value(SalesRollups.CUSTOMERS);
			if (count > 0) {
				groups.of(group).activeAtTo += count;
			}
		});
		newCustomers(groups, reader, from, to, dim);
		reader.sum(SalesRollups.CHURN, from, to, dim).forEach((group, tally) -> {
			long count = tally.value(SalesRollups.CHURNED);
			if (count > 0) {
				groups.of(group).churned += count;
			}
		});
	}

	/**
	 * New customers (customerSince in the period), and those still active at {@code to}: the new ones less those
	 * churned in the period after a customerSince in the period. By campaign, the campaign of the deal that made each
	 * a customer, as its account keeps it.
	 */
	private static void newCustomers(Groups groups, Rollups.Reader reader, Instant from, Instant to, String dim) {
		Map<String, Tally> churnedAfterNew = reader.sumSince(SalesRollups.CHURN, from, to, dim);
		reader.sum(SalesRollups.NEW_CUSTOMER, from, to, dim).forEach((group, tally) -> {
			long count = tally.value(SalesRollups.NEW_CUSTOMERS);
			if (count > 0) {
				GroupFacts facts = groups.of(group);
				facts.newCustomers += count;
				Tally churned = churnedAfterNew.get(group);
				facts.newCustomersActiveAtTo += count - ((churned == null) ? 0 : churned.value(SalesRollups.CHURNED));
			}
		});
	}
}
