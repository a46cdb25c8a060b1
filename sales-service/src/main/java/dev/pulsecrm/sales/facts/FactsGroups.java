package dev.pulsecrm.sales.facts;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import dev.pulsecrm.sales.pipeline.Pipeline;

/**
 * The facts of each group of a sales facts reply and how they become protobuf: shared by the rollup calculator and
 * the scan calculator its tests compare it with.
 */
final class FactsGroups {

	private FactsGroups() {
	}

	/** Facts per group value, sorted by value. */
	static final class Groups {

		private final Map<String, GroupFacts> byKey = new TreeMap<>();

		GroupFacts of(String key) {
			return this.byKey.computeIfAbsent(key, (k) -> new GroupFacts());
		}

		SalesFactsReply toReply(FactsDimension dimension, Pipeline pipeline) {
			SalesFactsReply.Builder reply = SalesFactsReply.newBuilder();
			if (dimension == FactsDimension.TOTAL) {
				reply.addGroups(of("").toProto(Map.of(), pipeline, true));
			}
			else if (dimension == FactsDimension.STAGE) {
				// stage facts were collected in one group; each stage becomes a group of its own
				GroupFacts all = of("");
				for (String stage : stageKeys(pipeline, all)) {
					GroupFacts single = new GroupFacts();
					single.stages.put(stage, all.stage(stage));
					reply.addGroups(single.toProto(Map.of(dimension.key, stage), pipeline, true));
				}
			}
			else {
				boolean withStages = dimension.splitsStageFacts();
				this.byKey.forEach((key, facts) -> reply
					.addGroups(facts.toProto(Map.of(dimension.key, key), pipeline, withStages)));
			}
			return reply.build();
		}
	}

	/** Configured stages in pipeline order, then any stage only the history still knows. */
	static Set<String> stageKeys(Pipeline pipeline, GroupFacts facts) {
		Set<String> keys = new LinkedHashSet<>();
		pipeline.stages().forEach((stage) -> keys.add(stage.key()));
		keys.addAll(new TreeMap<>(facts.stages).keySet());
		return keys;
	}

	static final class GroupFacts {

		long dealsWon;

		long dealsLost;

		final Map<String, Long> revenue = new TreeMap<>();

		long accountsWithWonDeal;

		long upsellAccounts;

		long cycleMillis;

		long cycleCount;

		long leadToCustomerMillis;

		long leadToCustomerCount;

		final Map<String, Long> revenueFromNewCustomers = new TreeMap<>();

		final Map<String, StageTotals> stages = new LinkedHashMap<>();

		long activeAtFrom;

		long activeAtTo;

		long newCustomers;

		long newCustomersActiveAtTo;

		long churned;

		StageTotals stage(String key) {
			return this.stages.computeIfAbsent(key, (k) -> new StageTotals());
		}

		SalesGroupFacts toProto(Map<String, String> group, Pipeline pipeline, boolean withStages) {
			SalesGroupFacts.Builder facts = SalesGroupFacts.newBuilder()
				.putAllGroup(group)
				.setDealsWon(this.dealsWon)
				.setDealsLost(this.dealsLost)
				.setRevenue(moneySum(this.revenue))
				.setAccountsWithWonDeal(this.accountsWithWonDeal)
				.setUpsellAccounts(this.upsellAccounts)
				.setCycle(durations(this.cycleMillis, this.cycleCount))
				.setLeadToCustomer(durations(this.leadToCustomerMillis, this.leadToCustomerCount))
				.setRevenueFromNewCustomers(moneySum(this.revenueFromNewCustomers))
				.setCustomersActiveAtFrom(this.activeAtFrom)
				.setCustomersActiveAtTo(this.activeAtTo)
				.setNewCustomers(this.newCustomers)
				.setNewCustomersActiveAtTo(this.newCustomersActiveAtTo)
				.setCustomersChurned(this.churned);
			Map<String, Long> pipelineCents = new TreeMap<>();
			long openDeals = 0;
			Set<String> keys = withStages ? (group.containsKey(FactsDimension.STAGE.key) ? this.stages.keySet()
					: stageKeys(pipeline, this)) : Set.of();
			for (String key : keys) {
				StageTotals stage = stage(key);
				facts.addStages(stage.toProto(key, pipeline.probability(key)));
				stage.openCents.forEach((currency, cents) -> pipelineCents.merge(currency, cents, Long::sum));
				openDeals += stage.openDeals;
			}
			return facts.setPipelineValue(moneySum(pipelineCents)).setOpenDeals(openDeals).build();
		}
	}

	static final class StageTotals {

		long visitsEnded;

		long visitMillis;

		long closedDealsEntered;

		long wonDealsEntered;

		final Map<String, Long> openCents = new TreeMap<>();

		long openDeals;

		StageFacts toProto(String key, double probability) {
			return StageFacts.newBuilder()
				.setStage(key)
				.setConfiguredProbability(probability)
				.setVisitsEnded(durations(this.visitMillis, this.visitsEnded))
				.setClosedDealsEntered(this.closedDealsEntered)
				.setWonDealsEntered(this.wonDealsEntered)
				.setOpenAmountAtTo(moneySum(this.openCents))
				.setOpenDealsAtTo(this.openDeals)
				.build();
		}
	}

	static MoneySum moneySum(Map<String, Long> centsByCurrency) {
		MoneySum.Builder sum = MoneySum.newBuilder();
		new TreeMap<>(centsByCurrency).forEach((currency, cents) -> sum.addByCurrency(
				Money.newBuilder().setCurrency(currency).setAmount(BigDecimal.valueOf(cents, 2).toPlainString())));
		return sum.build();
	}

	static DurationStats durations(long totalMillis, long count) {
		return DurationStats.newBuilder().setTotalMillis(totalMillis).setCount(count).build();
	}
}
