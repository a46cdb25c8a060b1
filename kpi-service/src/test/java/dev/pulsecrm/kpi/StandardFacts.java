package dev.pulsecrm.kpi;

import java.time.Duration;

import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;

/**
 * The facts the fake sources answer with, the same for every period, split the way the real services split them
 * (an unsupported {@code group_by} gets {@code null}: INVALID_ARGUMENT). Expected values in the tests are worked out
 * by hand from these numbers.
 */
public final class StandardFacts {

	static final long DAY = Duration.ofDays(1).toMillis();

	private StandardFacts() {
	}

	static MoneySum usd(String amount) {
		return MoneySum.newBuilder().addByCurrency(Money.newBuilder().setCurrency("USD").setAmount(amount)).build();
	}

	/**
	 * Totals: won 4, lost 6 (win rate 0.4), revenue 1000, 4 new customers. By team: emea 3/1 (0.75), amer 1/1
	 * (0.5), apac 0/4 (0). By loss reason: PRICE 4, TIMING 2. By campaign: c1 300 revenue and 2 new customers, c2
	 * 200 and 1, no campaign 500 and 1. Stages: QUALIFICATION 2 visits of 1 day, PROPOSAL 3 visits of 3 days.
	 */
	public static SalesFactsReply sales(FactsRequest request) {
		return switch (request.getGroupBy()) {
			case "" -> SalesFactsReply.newBuilder()
				.addGroups(SalesGroupFacts.newBuilder()
					.setDealsWon(4)
					.setDealsLost(6)
					.setRevenue(usd("1000.00"))
					.setAccountsWithWonDeal(2)
					.setNewCustomers(4)
					.setRevenueFromNewCustomers(usd("600.00"))
					.setCustomersActiveAtFrom(10)
					.setCustomersActiveAtTo(12)
					.setNewCustomersActiveAtTo(4)
					.setCustomersChurned(2)
					.setCycle(DurationStats.newBuilder().setTotalMillis(40 * DAY).setCount(4))
					.setPipelineValue(usd("1400.00"))
					.setOpenDeals(5)
					.addStages(StageFacts.newBuilder()
						.setStage("QUALIFICATION")
						.setConfiguredProbability(0.1)
						.setVisitsEnded(DurationStats.newBuilder().setTotalMillis(2 * DAY).setCount(2))
						.setClosedDealsEntered(10)
						.setWonDealsEntered(4)
						.setOpenAmountAtTo(usd("1000.00"))
						.setOpenDealsAtTo(3))
					.addStages(StageFacts.newBuilder()
						.setStage("PROPOSAL")
						.setConfiguredProbability(0.5)
						.setVisitsEnded(DurationStats.newBuilder().setTotalMillis(9 * DAY).setCount(3))
						.setClosedDealsEntered(5)
						.setWonDealsEntered(3)
						.setOpenAmountAtTo(usd("400.00"))
						.setOpenDealsAtTo(2)))
				.build();
			case "team" -> SalesFactsReply.newBuilder()
				.addGroups(SalesGroupFacts.newBuilder().putGroup("team", "emea").setDealsWon(3).setDealsLost(1))
				.addGroups(SalesGroupFacts.newBuilder().putGroup("team", "amer").setDealsWon(1).setDealsLost(1))
				.addGroups(SalesGroupFacts.newBuilder().putGroup("team", "apac").setDealsWon(0).setDealsLost(4))
				.build();
			case "lossReason" -> SalesFactsReply.newBuilder()
				.addGroups(SalesGroupFacts.newBuilder().putGroup("lossReason", "PRICE").setDealsLost(4))
				.addGroups(SalesGroupFacts.newBuilder().putGroup("lossReason", "TIMING").setDealsLost(2))
				.build();
			case "campaign" -> SalesFactsReply.newBuilder()
				.addGroups(SalesGroupFacts.newBuilder()
					.putGroup("campaign", "c1")
					.setDealsWon(2)
					.setRevenue(usd("300.00"))
					.setNewCustomers(2)
					.setRevenueFromNewCustomers(usd("300.00")))
				.addGroups(SalesGroupFacts.newBuilder()
					.putGroup("campaign", "c2")
					.setDealsWon(1)
					.setRevenue(usd("200.00"))
					.setNewCustomers(1)
					.setRevenueFromNewCustomers(usd("200.00")))
				.addGroups(SalesGroupFacts.newBuilder()
					.putGroup("campaign", "")
					.setDealsWon(1)
					.setRevenue(usd("500.00"))
					.setNewCustomers(1)
					.setRevenueFromNewCustomers(usd("100.00")))
				.build();
			default -> null;
		};
	}

	/**
	 * Totals: 20 leads, 5 converted (0.25), spend 500, first contact 6 hours over 4 leads. By channel: SEMINAR 10
	 * leads 5 converted, spend 200; TRADE_SHOW 10 leads 0 converted, spend 300. By campaign: c1 spend 100, c2 spend
	 * 400. Campaigns: c1 is a SEMINAR, c2 a TRADE_SHOW.
	 */
	public static MarketingFactsReply marketing(FactsRequest request) {
		MarketingFactsReply.Builder reply = MarketingFactsReply.newBuilder()
			.putCampaignChannels("c1", "SEMINAR")
			.putCampaignChannels("c2", "TRADE_SHOW");
		return switch (request.getGroupBy()) {
			case "" -> reply.addGroups(MarketingGroupFacts.newBuilder()
				.setNewLeads(20)
				.setNewLeadsConverted(5)
				.setSpend(usd("500.00"))
				.setPairsSent(55)
				.setPairsBounced(5)
				.setPairsDelivered(50)
				.setPairsOpened(20)
				.setPairsClicked(10)
				.setPairsReplied(5)
				.setDeliveredPairsConverted(2)
				.setSubscribed(30)
				.setUnsubscribed(10)
				.setListSizeAtFrom(200)
				.setFirstContact(DurationStats.newBuilder().setTotalMillis(6 * 3_600_000L).setCount(4)))
				.build();
			case "channel" -> reply
				.addGroups(MarketingGroupFacts.newBuilder()
					.putGroup("channel", "SEMINAR")
					.setNewLeads(10)
					.setNewLeadsConverted(5)
					.setSpend(usd("200.00")))
				.addGroups(MarketingGroupFacts.newBuilder()
					.putGroup("channel", "TRADE_SHOW")
					.setNewLeads(10)
					.setNewLeadsConverted(0)
					.setSpend(usd("300.00")))
				.build();
			case "campaign" -> reply
				.addGroups(MarketingGroupFacts.newBuilder().putGroup("campaign", "c1").setSpend(usd("100.00")))
				.addGroups(MarketingGroupFacts.newBuilder().putGroup("campaign", "c2").setSpend(usd("400.00")))
				.build();
			default -> null;
		};
	}

	/** Totals: NPS 5/3/2 (30), CSAT 8 of 10, resolution 50 hours over 4 tickets, 3 within SLA; heard from. */
	public static SupportFactsReply support(FactsRequest request) {
		if (!request.getGroupBy().isEmpty()) {
			return null;
		}
		return SupportFactsReply.newBuilder()
			.addGroups(SupportGroupFacts.newBuilder()
				.setNpsPromoters(5)
				.setNpsPassives(3)
				.setNpsDetractors(2)
				.setCsatSatisfied(8)
				.setCsatResponses(10)
				.setResolution(DurationStats.newBuilder().setTotalMillis(50 * 3_600_000L).setCount(4))
				.setResolvedWithinSla(3)
				.setTicketsOpened(7)
				.setBacklogAtTo(9)
				.putHeardFrom("SEMINAR", 3)
				.putHeardFrom("TRADE_SHOW", 2))
			.build();
	}
}
