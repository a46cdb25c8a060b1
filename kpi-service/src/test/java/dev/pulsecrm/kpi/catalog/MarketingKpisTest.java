package dev.pulsecrm.kpi.catalog;

import static dev.pulsecrm.kpi.catalog.Facts.ONE_MONTH;
import static dev.pulsecrm.kpi.catalog.Facts.TWO_MONTHS;
import static dev.pulsecrm.kpi.catalog.Facts.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import org.junit.jupiter.api.Test;

class MarketingKpisTest {

	private KpiValue compute(KpiCatalog catalog, String key, KpiInputs inputs) {
		return catalog.compute(catalog.find(key).orElseThrow(), inputs);
	}

	private KpiValue compute(String key, KpiInputs inputs) {
		return compute(Facts.catalog(), key, inputs);
	}

	private static KpiInputs marketing(MarketingGroupFacts facts) {
		return KpiInputs.empty(ONE_MONTH).withMarketing(facts);
	}

	@Test
	void newLeadsAndConversionRate() {
		// 5 ÷ 20 = 0.25
		KpiInputs inputs = marketing(MarketingGroupFacts.newBuilder().setNewLeads(20).setNewLeadsConverted(5).build());
		assertThat(compute("marketing.new_leads", inputs).value()).isEqualByComparingTo("20");
		assertThat(compute("marketing.lead_conversion_rate", inputs).value()).isEqualByComparingTo("0.25");
		assertThat(compute("marketing.lead_conversion_rate", marketing(MarketingGroupFacts.getDefaultInstance())).status())
			.isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void spendIsTheSumOfTheEntries() {
		assertThat(compute("marketing.spend", marketing(MarketingGroupFacts.newBuilder().setSpend(usd("500.00")).build()))
			.value()).isEqualByComparingTo("500.00");
	}

	@Test
	void newCustomersComeFromSales() {
		assertThat(compute("marketing.new_customers",
				KpiInputs.empty(ONE_MONTH).withSales(SalesGroupFacts.newBuilder().setNewCustomers(4).build()))
			.value()).isEqualByComparingTo("4");
	}

	private static KpiInputs acquisition(Period period) {
		return KpiInputs.empty(period)
			.withMarketing(MarketingGroupFacts.newBuilder().setSpend(usd("500.00")).build())
			.withSales(SalesGroupFacts.newBuilder()
				.setNewCustomers(4)
				.setRevenue(usd("1000.00"))
				.setAccountsWithWonDeal(2)
				.setRevenueFromNewCustomers(usd("600.00"))
				.build());
	}

	@Test
	void cacIsSpendOverNewCustomers() {
		// 500 ÷ 4 = 125
		assertThat(compute("marketing.cac", acquisition(ONE_MONTH)).value()).isEqualByComparingTo("125");
	}

	@Test
	void cacAddsTheSalesAcquisitionCostPerMonthTimesMonths() {
		KpiCatalog catalog = Facts.catalog(Facts.settings("100", null, null));
		// one month: (500 + 100 × 1) ÷ 4 = 150
		assertThat(compute(catalog, "marketing.cac", acquisition(ONE_MONTH)).value()).isEqualByComparingTo("150");
		// two months: (500 + 100 × 2) ÷ 4 = 175
		KpiValue twoMonths = compute(catalog, "marketing.cac", acquisition(TWO_MONTHS));
		assertThat(twoMonths.value()).isEqualByComparingTo("175");
		assertThat((BigDecimal) twoMonths.components().get("salesAcquisitionCost")).isEqualByComparingTo("200");
	}

	@Test
	void cacOfACampaignIsItsOwnSpendWithoutTheSalesOverhead() {
		KpiCatalog catalog = Facts.catalog(Facts.settings("100", null, null));
		// 500 ÷ 4 = 125: the monthly sales cost belongs to the total only
		assertThat(compute(catalog, "marketing.cac", acquisition(ONE_MONTH).withGroup(Map.of("channel", "SEMINAR")))
			.value()).isEqualByComparingTo("125");
	}

	@Test
	void cacWithoutNewCustomersIsNoData() {
		KpiInputs inputs = KpiInputs.empty(ONE_MONTH)
			.withMarketing(MarketingGroupFacts.newBuilder().setSpend(usd("500.00")).build());
		assertThat(compute("marketing.cac", inputs).value()).isNull();
		assertThat(compute("marketing.cac_payback_months", inputs).value()).isNull();
	}

	@Test
	void acquiredCustomerValueIsNewCustomersRevenueOverNewCustomers() {
		// 600 ÷ 4 = 150
		assertThat(compute("marketing.acquired_customer_value", acquisition(ONE_MONTH)).value())
			.isEqualByComparingTo("150");
	}

	@Test
	void cacPaybackIsCacOverArpaTimesGrossMargin() {
		// CAC 125; ARPA = 1000 ÷ 2 accounts ÷ 1 month = 500; margin 1 → 125 ÷ 500 = 0.25 months
		KpiValue payback = compute("marketing.cac_payback_months", acquisition(ONE_MONTH));
		assertThat(payback.value()).isEqualByComparingTo("0.25");
		assertThat((BigDecimal) payback.components().get("arpa")).isEqualByComparingTo("500");
		// margin 0.5 → 125 ÷ 250 = 0.5 months
		assertThat(compute(Facts.catalog(Facts.settings(null, "0.5", null)), "marketing.cac_payback_months",
				acquisition(ONE_MONTH))
			.value()).isEqualByComparingTo("0.5");
		// over two months ARPA halves (250), so payback doubles: 125 ÷ 250 = 0.5
		assertThat(compute("marketing.cac_payback_months", acquisition(TWO_MONTHS)).value())
			.isEqualByComparingTo("0.5");
	}

	private static KpiInputs trailingYear(long churned, long activeAtStart) {
		return KpiInputs.empty(ONE_MONTH)
			.withTrailingYearSales(SalesGroupFacts.newBuilder()
				.setRevenue(usd("12000.00"))
				.setDealsWon(6)
				.setAccountsWithWonDeal(3)
				.setCustomersChurned(churned)
				.setCustomersActiveAtFrom(activeAtStart)
				.build());
	}

	@Test
	void clvMultipliesPurchaseValueFrequencyAndLifespanFromChurn() {
		// value 12000 ÷ 6 = 2000; frequency 6 ÷ 3 = 2; churn 2 ÷ 10 = 0.2 → lifespan 5 years; 2000 × 2 × 5 = 20000
		KpiValue clv = compute("marketing.clv", trailingYear(2, 10));
		assertThat(clv.value()).isEqualByComparingTo("20000");
		assertThat((BigDecimal) clv.components().get("averagePurchaseValue")).isEqualByComparingTo("2000");
		assertThat((BigDecimal) clv.components().get("purchaseFrequency")).isEqualByComparingTo("2");
		assertThat((BigDecimal) clv.components().get("lifespanYears")).isEqualByComparingTo("5");
		assertThat((BigDecimal) clv.components().get("annualChurnRate")).isEqualByComparingTo("0.2");
		assertThat(clv.components()).containsEntry("trailingFrom", ONE_MONTH.to().minus(java.time.Duration.ofDays(365)))
			.containsEntry("trailingTo", ONE_MONTH.to());
	}

	@Test
	void clvUsesTheDefaultLifespanWhenNobodyChurned() {
		// 2000 × 2 × 3 years = 12000
		assertThat(compute("marketing.clv", trailingYear(0, 10)).value()).isEqualByComparingTo("12000");
		// configured lifespan 4: 16000
		KpiProperties fourYears = new KpiProperties(null, null, null, new BigDecimal("4"), null, null, null, null, null);
		assertThat(compute(Facts.catalog(fourYears), "marketing.clv", trailingYear(0, 10)).value())
			.isEqualByComparingTo("16000");
	}

	@Test
	void clvIsNoDataWithoutPurchasesOrWithChurnButNoCustomersAtTheStart() {
		assertThat(compute("marketing.clv", KpiInputs.empty(ONE_MONTH)).value()).isNull();
		assertThat(compute("marketing.clv", trailingYear(2, 0)).value()).isNull();
	}

	private static KpiInputs campaigns(String spend) {
		return KpiInputs.empty(ONE_MONTH)
			.withSalesByCampaign(Map.of("c1", SalesGroupFacts.newBuilder().setRevenue(usd("300.00")).build(), "c2",
					SalesGroupFacts.newBuilder().setRevenue(usd("200.00")).build(), KpiInputs.NO_VALUE,
					SalesGroupFacts.newBuilder().setRevenue(usd("500.00")).build()))
			.withMarketing(MarketingGroupFacts.newBuilder().setSpend(usd(spend)).build());
	}

	@Test
	void campaignRevenueCountsOnlyDealsWithACampaign() {
		// c1 300 + c2 200; the 500 of deals without a campaign are not campaign revenue
		assertThat(compute("marketing.campaign_revenue", campaigns("250.00")).value()).isEqualByComparingTo("500");
	}

	@Test
	void campaignRoiIsCampaignRevenueMinusSpendOverSpend() {
		// (500 − 250) ÷ 250 = 1
		assertThat(compute("marketing.campaign_roi", campaigns("250.00")).value()).isEqualByComparingTo("1");
		// a loss: (500 − 1000) ÷ 1000 = −0.5
		assertThat(compute("marketing.campaign_roi", campaigns("1000.00")).value()).isEqualByComparingTo("-0.5");
		assertThat(compute("marketing.campaign_roi", campaigns("0")).status()).isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void emailRatesAreDistinctPairsOverDeliveredPairs() {
		KpiInputs inputs = marketing(MarketingGroupFacts.newBuilder()
			.setPairsSent(55)
			.setPairsBounced(5)
			.setPairsDelivered(50)
			.setPairsOpened(20)
			.setPairsClicked(10)
			.setPairsReplied(5)
			.setDeliveredPairsConverted(2)
			.build());
		// 20 ÷ 50, 10 ÷ 50, 5 ÷ 50, 2 ÷ 50
		assertThat(compute("marketing.email_open_rate", inputs).value()).isEqualByComparingTo("0.4");
		assertThat(compute("marketing.email_click_rate", inputs).value()).isEqualByComparingTo("0.2");
		assertThat(compute("marketing.email_response_rate", inputs).value()).isEqualByComparingTo("0.1");
		assertThat(compute("marketing.email_conversion_rate", inputs).value()).isEqualByComparingTo("0.04");
	}

	@Test
	void emailRatesWithNothingDeliveredAreNoData() {
		KpiInputs inputs = marketing(MarketingGroupFacts.newBuilder().setPairsSent(3).setPairsBounced(3).build());
		for (String key : new String[] { "marketing.email_open_rate", "marketing.email_click_rate",
				"marketing.email_response_rate", "marketing.email_conversion_rate" }) {
			assertThat(compute(key, inputs).value()).as(key).isNull();
		}
	}

	@Test
	void listGrowthIsNetSubscriptionsOverTheListSizeAtFrom() {
		// (30 − 10) ÷ 200 = 0.1
		assertThat(compute("marketing.list_growth_rate", marketing(MarketingGroupFacts.newBuilder()
			.setSubscribed(30)
			.setUnsubscribed(10)
			.setListSizeAtFrom(200)
			.build())).value()).isEqualByComparingTo("0.1");
		assertThat(compute("marketing.list_growth_rate",
				marketing(MarketingGroupFacts.newBuilder().setSubscribed(30).build()))
			.value()).isNull();
	}
}
