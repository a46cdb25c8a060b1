package dev.pulsecrm.kpi.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;

/**
 * Rolls several groups of sales facts into one, e.g. the campaigns of a channel: sales splits by campaign, and
 * marketing's campaign → channel map says which campaigns make a channel. Counts, sums and durations add up
 * exactly; distinct-account counts ({@code accounts_with_won_deal}, {@code upsell_accounts}) may count an account
 * once per campaign, so no KPI split by channel reads them.
 */
public final class SalesFactsSum {

	private SalesFactsSum() {
	}

	public static SalesGroupFacts of(List<SalesGroupFacts> groups) {
		if (groups.isEmpty()) {
			return SalesGroupFacts.getDefaultInstance();
		}
		if (groups.size() == 1) {
			return groups.get(0);
		}
		SalesGroupFacts.Builder sum = SalesGroupFacts.newBuilder();
		MoneySum.Builder revenue = MoneySum.newBuilder();
		MoneySum.Builder newCustomerRevenue = MoneySum.newBuilder();
		MoneySum.Builder pipeline = MoneySum.newBuilder();
		DurationStats cycle = DurationStats.getDefaultInstance();
		DurationStats leadToCustomer = DurationStats.getDefaultInstance();
		Map<String, StageFacts> stages = new LinkedHashMap<>();
		for (SalesGroupFacts group : groups) {
			sum.setDealsWon(sum.getDealsWon() + group.getDealsWon())
				.setDealsLost(sum.getDealsLost() + group.getDealsLost())
				.setAccountsWithWonDeal(sum.getAccountsWithWonDeal() + group.getAccountsWithWonDeal())
				.setUpsellAccounts(sum.getUpsellAccounts() + group.getUpsellAccounts())
				.setOpenDeals(sum.getOpenDeals() + group.getOpenDeals())
				.setCustomersActiveAtFrom(sum.getCustomersActiveAtFrom() + group.getCustomersActiveAtFrom())
				.setCustomersActiveAtTo(sum.getCustomersActiveAtTo() + group.getCustomersActiveAtTo())
				.setNewCustomers(sum.getNewCustomers() + group.getNewCustomers())
				.setNewCustomersActiveAtTo(sum.getNewCustomersActiveAtTo() + group.getNewCustomersActiveAtTo())
				.setCustomersChurned(sum.getCustomersChurned() + group.getCustomersChurned());
			revenue.addAllByCurrency(group.getRevenue().getByCurrencyList());
			newCustomerRevenue.addAllByCurrency(group.getRevenueFromNewCustomers().getByCurrencyList());
			pipeline.addAllByCurrency(group.getPipelineValue().getByCurrencyList());
			cycle = add(cycle, group.getCycle());
			leadToCustomer = add(leadToCustomer, group.getLeadToCustomer());
			for (StageFacts stage : group.getStagesList()) {
				stages.merge(stage.getStage(), stage, SalesFactsSum::add);
			}
		}
		return sum.setRevenue(revenue)
			.setRevenueFromNewCustomers(newCustomerRevenue)
			.setPipelineValue(pipeline)
			.setCycle(cycle)
			.setLeadToCustomer(leadToCustomer)
			.addAllStages(stages.values())
			.build();
	}

	private static DurationStats add(DurationStats a, DurationStats b) {
		return DurationStats.newBuilder()
			.setTotalMillis(a.getTotalMillis() + b.getTotalMillis())
			.setCount(a.getCount() + b.getCount())
			.build();
	}

	private static StageFacts add(StageFacts a, StageFacts b) {
		return a.toBuilder()
			.setVisitsEnded(add(a.getVisitsEnded(), b.getVisitsEnded()))
			.setClosedDealsEntered(a.getClosedDealsEntered() + b.getClosedDealsEntered())
			.setWonDealsEntered(a.getWonDealsEntered() + b.getWonDealsEntered())
			.setOpenAmountAtTo(MoneySum.newBuilder()
				.addAllByCurrency(a.getOpenAmountAtTo().getByCurrencyList())
				.addAllByCurrency(b.getOpenAmountAtTo().getByCurrencyList()))
			.setOpenDealsAtTo(a.getOpenDealsAtTo() + b.getOpenDealsAtTo())
			.build();
	}
}
