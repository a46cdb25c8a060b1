package dev.pulsecrm.kpi.catalog;

import static dev.pulsecrm.kpi.catalog.Facts.DAY;
import static dev.pulsecrm.kpi.catalog.Facts.HOUR;
import static dev.pulsecrm.kpi.catalog.Facts.ONE_MONTH;
import static dev.pulsecrm.kpi.catalog.Facts.durations;
import static dev.pulsecrm.kpi.catalog.Facts.money;
import static dev.pulsecrm.kpi.catalog.Facts.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import org.junit.jupiter.api.Test;

class SalesKpisTest {

	private final KpiCatalog catalog = Facts.catalog();

	private KpiValue compute(String key, SalesGroupFacts sales) {
		return this.catalog.compute(this.catalog.find(key).orElseThrow(), KpiInputs.empty(ONE_MONTH).withSales(sales));
	}

	@Test
	void dealsWonAndLostAreTheCountsOfThePeriod() {
		SalesGroupFacts sales = SalesGroupFacts.newBuilder().setDealsWon(4).setDealsLost(6).build();
		assertThat(compute("sales.deals_won", sales).value()).isEqualByComparingTo("4");
		assertThat(compute("sales.deals_lost", sales).value()).isEqualByComparingTo("6");
	}

	@Test
	void zeroDealsWonIsZeroNotNoData() {
		KpiValue won = compute("sales.deals_won", SalesGroupFacts.getDefaultInstance());
		assertThat(won.value()).isEqualByComparingTo("0");
		assertThat(won.status()).isEqualTo(KpiValue.Status.OK);
	}

	@Test
	void winRateIsWonOverWonPlusLost() {
		// 4 ÷ (4 + 6) = 0.4
		KpiValue winRate = compute("sales.win_rate", SalesGroupFacts.newBuilder().setDealsWon(4).setDealsLost(6).build());
		assertThat(winRate.value()).isEqualByComparingTo("0.4");
		assertThat(winRate.components()).containsEntry("numerator", 4L).containsEntry("denominator", 10L);
	}

	@Test
	void winRateWithoutClosedDealsIsNoData() {
		KpiValue winRate = compute("sales.win_rate", SalesGroupFacts.getDefaultInstance());
		assertThat(winRate.value()).isNull();
		assertThat(winRate.status()).isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void revenueConvertsOtherCurrenciesWithTheConfiguredRate() {
		// 1000.00 USD + 100.00 EUR × 1.10 = 1110.00 USD
		SalesGroupFacts sales = SalesGroupFacts.newBuilder()
			.setRevenue(usd("1000.00").toBuilder().addAllByCurrency(money("EUR", "100.00").getByCurrencyList()))
			.build();
		KpiValue revenue = compute("sales.revenue", sales);
		assertThat(revenue.value()).isEqualByComparingTo("1110.00");
		assertThat(revenue.components()).containsEntry("currency", "USD");
	}

	@Test
	void aCurrencyWithoutARateMakesTheMoneyKpiReportNoExchangeRate() {
		SalesGroupFacts sales = SalesGroupFacts.newBuilder().setDealsWon(1).setRevenue(money("GBP", "10.00")).build();
		KpiValue revenue = compute("sales.revenue", sales);
		assertThat(revenue.value()).isNull();
		assertThat(revenue.status()).isEqualTo(KpiValue.Status.NO_EXCHANGE_RATE);
		assertThat((String) revenue.components().get("error")).contains("GBP").contains("crm.exchange-rates.GBP");
		// the counts of the same facts are still served
		assertThat(compute("sales.deals_won", sales).value()).isEqualByComparingTo("1");
	}

	@Test
	void revenueGrowthComparesWithThePreviousPeriod() {
		// (1000 − 800) ÷ 800 = 0.25
		KpiInputs inputs = KpiInputs.empty(ONE_MONTH)
			.withSales(SalesGroupFacts.newBuilder().setRevenue(usd("1000.00")).build())
			.withPreviousSales(SalesGroupFacts.newBuilder().setRevenue(usd("800.00")).build());
		KpiValue growth = this.catalog.compute(this.catalog.find("sales.revenue_growth").orElseThrow(), inputs);
		assertThat(growth.value()).isEqualByComparingTo("0.25");
		assertThat(growth.components()).containsEntry("previousFrom", ONE_MONTH.previous().from())
			.containsEntry("previousTo", ONE_MONTH.from());
	}

	@Test
	void revenueGrowthFromNothingIsNoData() {
		KpiValue growth = compute("sales.revenue_growth", SalesGroupFacts.newBuilder().setRevenue(usd("10")).build());
		assertThat(growth.value()).isNull();
		assertThat(growth.status()).isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void averageDealValueIsRevenueOverDealsWon() {
		// 1000 ÷ 4 = 250
		assertThat(compute("sales.average_deal_value",
				SalesGroupFacts.newBuilder().setDealsWon(4).setRevenue(usd("1000.00")).build())
			.value()).isEqualByComparingTo("250");
		assertThat(compute("sales.average_deal_value", SalesGroupFacts.getDefaultInstance()).value()).isNull();
	}

	@Test
	void upsellRateIsUpsellAccountsOverCustomersActiveAtFrom() {
		// 3 ÷ 12 = 0.25
		assertThat(compute("sales.upsell_rate",
				SalesGroupFacts.newBuilder().setUpsellAccounts(3).setCustomersActiveAtFrom(12).build())
			.value()).isEqualByComparingTo("0.25");
		assertThat(compute("sales.upsell_rate", SalesGroupFacts.newBuilder().setUpsellAccounts(3).build()).status())
			.isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void cycleLengthIsTheMeanInDays() {
		// 4 deals, 40.5 days in all → 10.125 days
		KpiValue cycle = compute("sales.cycle_length_days",
				SalesGroupFacts.newBuilder().setCycle(durations(40 * DAY + 12 * HOUR, 4)).build());
		assertThat(cycle.value()).isEqualByComparingTo("10.125");
		assertThat(cycle.components()).containsEntry("deals", 4L);
		assertThat(compute("sales.cycle_length_days", SalesGroupFacts.getDefaultInstance()).value()).isNull();
	}

	@Test
	void leadToCustomerIsTheMeanInDaysOverDealsFromALead() {
		// 2 deals, 3 days in all → 1.5 days
		assertThat(compute("sales.lead_to_customer_days",
				SalesGroupFacts.newBuilder().setLeadToCustomer(durations(3 * DAY, 2)).build())
			.value()).isEqualByComparingTo("1.5");
		assertThat(compute("sales.lead_to_customer_days", SalesGroupFacts.getDefaultInstance()).value()).isNull();
	}

	static SalesGroupFacts pipeline() {
		return SalesGroupFacts.newBuilder()
			.setDealsWon(7)
			.setDealsLost(3)
			.setOpenDeals(6)
			.setPipelineValue(usd("1600.00"))
			.addStages(StageFacts.newBuilder()
				.setStage("QUALIFICATION")
				.setConfiguredProbability(0.1)
				.setVisitsEnded(durations(2 * DAY, 2))
				.setClosedDealsEntered(10)
				.setWonDealsEntered(4)
				.setOpenAmountAtTo(usd("1000.00"))
				.setOpenDealsAtTo(3))
			.addStages(StageFacts.newBuilder()
				.setStage("PROPOSAL")
				.setConfiguredProbability(0.5)
				.setVisitsEnded(durations(9 * DAY, 3))
				.setClosedDealsEntered(5)
				.setWonDealsEntered(3)
				.setOpenAmountAtTo(usd("400.00"))
				.setOpenDealsAtTo(2))
			.addStages(StageFacts.newBuilder()
				.setStage("NEGOTIATION")
				.setConfiguredProbability(0.75)
				.setOpenAmountAtTo(usd("200.00"))
				.setOpenDealsAtTo(1))
			.build();
	}

	@Test
	void stageDurationIsTheMeanPerStageAndTheSlowestStageIsTheBottleneck() {
		KpiDefinition definition = this.catalog.find("sales.stage_duration_days").orElseThrow();
		List<KpiGroupValue> stages = this.catalog.computeGroups(definition, KpiInputs.empty(ONE_MONTH).withSales(pipeline()));
		// QUALIFICATION 2 days ÷ 2 = 1; PROPOSAL 9 ÷ 3 = 3 (the bottleneck); NEGOTIATION no visit ended
		assertThat(stages).extracting(KpiGroupValue::group)
			.containsExactly(Map.of("stage", "QUALIFICATION"), Map.of("stage", "PROPOSAL"),
					Map.of("stage", "NEGOTIATION"));
		assertThat(stages.get(0).value()).isEqualByComparingTo("1");
		assertThat(stages.get(0).components()).containsEntry("bottleneck", false);
		assertThat(stages.get(1).value()).isEqualByComparingTo("3");
		assertThat(stages.get(1).components()).containsEntry("bottleneck", true);
		assertThat(stages.get(2).value()).isNull();
		assertThat(stages.get(2).status()).isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void stageDurationTotalIsTheMeanOverEveryEndedVisit() {
		// 11 days over 5 visits = 2.2 days
		KpiValue total = compute("sales.stage_duration_days", pipeline());
		assertThat(total.value()).isEqualByComparingTo("2.2");
		assertThat(total.components()).containsEntry("bottleneck", "PROPOSAL").containsEntry("visits", 5L);
	}

	@Test
	void stageWinProbabilityIsLearnedPerStageBesideTheConfiguredOne() {
		KpiDefinition definition = this.catalog.find("sales.stage_win_probability").orElseThrow();
		List<KpiGroupValue> stages = this.catalog.computeGroups(definition, KpiInputs.empty(ONE_MONTH).withSales(pipeline()));
		// QUALIFICATION 4 ÷ 10 = 0.4 (configured 0.1); PROPOSAL 3 ÷ 5 = 0.6; NEGOTIATION no closed deal entered it
		assertThat(stages.get(0).value()).isEqualByComparingTo("0.4");
		assertThat((BigDecimal) stages.get(0).components().get("configuredProbability")).isEqualByComparingTo("0.1");
		assertThat(stages.get(1).value()).isEqualByComparingTo("0.6");
		assertThat(stages.get(2).value()).isNull();
		// overall: every closed deal entered the pipeline, 7 ÷ 10
		assertThat(compute("sales.stage_win_probability", pipeline()).value()).isEqualByComparingTo("0.7");
	}

	@Test
	void pipelineValueIsTheOpenAmountAtToAndSplitsByStage() {
		assertThat(compute("sales.pipeline_value", pipeline()).value()).isEqualByComparingTo("1600.00");
		List<KpiGroupValue> stages = this.catalog.computeGroups(this.catalog.find("sales.pipeline_value").orElseThrow(),
				KpiInputs.empty(ONE_MONTH).withSales(pipeline()));
		assertThat(stages).extracting(KpiGroupValue::value)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("1000"), new BigDecimal("400"), new BigDecimal("200"));
	}

	@Test
	void weightedPipelineWeighsEachStagesOpenAmountByItsConfiguredProbability() {
		// 1000 × 0.1 + 400 × 0.5 + 200 × 0.75 = 100 + 200 + 150 = 450
		assertThat(compute("sales.weighted_pipeline", pipeline()).value()).isEqualByComparingTo("450");
		List<KpiGroupValue> stages = this.catalog.computeGroups(
				this.catalog.find("sales.weighted_pipeline").orElseThrow(),
				KpiInputs.empty(ONE_MONTH).withSales(pipeline()));
		assertThat(stages.get(2).value()).isEqualByComparingTo("150");
	}

	@Test
	void emptyPipelineIsWorthZero() {
		assertThat(compute("sales.weighted_pipeline", SalesGroupFacts.getDefaultInstance()).value())
			.isEqualByComparingTo("0");
	}

	@Test
	void leadResponseIsTheMeanInHoursFromMarketingFacts() {
		// 4 leads, 6 hours in all → 1.5 hours
		KpiInputs inputs = KpiInputs.empty(ONE_MONTH)
			.withMarketing(MarketingGroupFacts.newBuilder().setFirstContact(durations(6 * HOUR, 4)).build());
		assertThat(this.catalog.compute(this.catalog.find("sales.lead_response_hours").orElseThrow(), inputs).value())
			.isEqualByComparingTo("1.5");
	}
}
