package dev.pulsecrm.kpi.catalog;

import static dev.pulsecrm.kpi.catalog.Facts.HOUR;
import static dev.pulsecrm.kpi.catalog.Facts.ONE_MONTH;
import static dev.pulsecrm.kpi.catalog.Facts.durations;
import static dev.pulsecrm.kpi.catalog.Facts.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;
import org.junit.jupiter.api.Test;

class SupportAndRetentionKpisTest {

	private final KpiCatalog catalog = Facts.catalog();

	private KpiValue support(String key, SupportGroupFacts facts) {
		return this.catalog.compute(this.catalog.find(key).orElseThrow(), KpiInputs.empty(ONE_MONTH).withSupport(facts));
	}

	private KpiValue sales(String key, SalesGroupFacts facts) {
		return this.catalog.compute(this.catalog.find(key).orElseThrow(), KpiInputs.empty(ONE_MONTH).withSales(facts));
	}

	@Test
	void npsIsHundredTimesPromotersMinusDetractorsOverResponses() {
		// 100 × (5 − 2) ÷ 10 = 30
		KpiValue nps = support("support.nps",
				SupportGroupFacts.newBuilder().setNpsPromoters(5).setNpsPassives(3).setNpsDetractors(2).build());
		assertThat(nps.value()).isEqualByComparingTo("30");
		assertThat(nps.components()).containsEntry("responses", 10L);
		// 100 × (1 − 3) ÷ 4 = −50
		assertThat(support("support.nps", SupportGroupFacts.newBuilder().setNpsPromoters(1).setNpsDetractors(3).build())
			.value()).isEqualByComparingTo("-50");
		assertThat(support("support.nps", SupportGroupFacts.getDefaultInstance()).value()).isNull();
	}

	@Test
	void csatIsSatisfiedOverResponses() {
		assertThat(support("support.csat", SupportGroupFacts.newBuilder().setCsatSatisfied(8).setCsatResponses(10).build())
			.value()).isEqualByComparingTo("0.8");
		assertThat(support("support.csat", SupportGroupFacts.getDefaultInstance()).status())
			.isEqualTo(KpiValue.Status.NO_DATA);
	}

	@Test
	void responseAndResolutionAreMeansInHours() {
		SupportGroupFacts facts = SupportGroupFacts.newBuilder()
			.setFirstResponse(durations(6 * HOUR, 3))
			.setResolution(durations(50 * HOUR, 4))
			.setResolvedWithinSla(3)
			.build();
		// 6 ÷ 3 = 2 hours; 50 ÷ 4 = 12.5 hours; SLA 3 ÷ 4 = 0.75
		assertThat(support("support.first_response_hours", facts).value()).isEqualByComparingTo("2");
		assertThat(support("support.resolution_hours", facts).value()).isEqualByComparingTo("12.5");
		assertThat(support("support.sla_compliance", facts).value()).isEqualByComparingTo("0.75");
	}

	@Test
	void nothingResolvedMakesResolutionAndSlaNoData() {
		SupportGroupFacts none = SupportGroupFacts.getDefaultInstance();
		assertThat(support("support.first_response_hours", none).value()).isNull();
		assertThat(support("support.resolution_hours", none).value()).isNull();
		assertThat(support("support.sla_compliance", none).value()).isNull();
	}

	@Test
	void ticketsOpenedAndBacklogAreCounts() {
		SupportGroupFacts facts = SupportGroupFacts.newBuilder().setTicketsOpened(7).setBacklogAtTo(9).build();
		assertThat(support("support.tickets_opened", facts).value()).isEqualByComparingTo("7");
		assertThat(support("support.backlog", facts).value()).isEqualByComparingTo("9");
	}

	@Test
	void churnRateIsChurnedOverActiveAtFrom() {
		// 3 ÷ 12 = 0.25
		assertThat(sales("customer.churn_rate",
				SalesGroupFacts.newBuilder().setCustomersChurned(3).setCustomersActiveAtFrom(12).build())
			.value()).isEqualByComparingTo("0.25");
		assertThat(sales("customer.churn_rate", SalesGroupFacts.getDefaultInstance()).value()).isNull();
	}

	@Test
	void retentionExcludesNewCustomersFromThoseActiveAtTo() {
		// (14 − 4) ÷ 12 = 0.8333333333333333 (16 significant digits)
		KpiValue retention = sales("customer.retention_rate", SalesGroupFacts.newBuilder()
			.setCustomersActiveAtTo(14)
			.setNewCustomersActiveAtTo(4)
			.setCustomersActiveAtFrom(12)
			.build());
		assertThat(retention.value()).isEqualByComparingTo("0.8333333333333333");
		assertThat(sales("customer.retention_rate", SalesGroupFacts.getDefaultInstance()).value()).isNull();
	}

	@Test
	void heardFromCountsAnswersPerChannel() {
		SupportGroupFacts facts = SupportGroupFacts.newBuilder()
			.putHeardFrom("TRADE_SHOW", 2)
			.putHeardFrom("SEMINAR", 3)
			.build();
		assertThat(support("customer.heard_from", facts).value()).isEqualByComparingTo("5");
		List<KpiGroupValue> channels = this.catalog.computeGroups(this.catalog.find("customer.heard_from").orElseThrow(),
				KpiInputs.empty(ONE_MONTH).withSupport(facts));
		assertThat(channels).extracting(KpiGroupValue::group)
			.containsExactly(Map.of("channel", "SEMINAR"), Map.of("channel", "TRADE_SHOW"));
		assertThat(channels).extracting(KpiGroupValue::value)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal(3), new BigDecimal(2));
	}

	@Test
	void crmRoiIsNoDataUntilItsCostIsConfigured() {
		KpiValue roi = sales("crm.roi", SalesGroupFacts.newBuilder().setRevenue(usd("1000.00")).build());
		assertThat(roi.value()).isNull();
		assertThat(roi.status()).isEqualTo(KpiValue.Status.NO_DATA);
		assertThat((String) roi.components().get("reason")).contains("crm.kpi.roi.monthly-cost");
	}

	@Test
	void crmRoiComparesGainWithCost() {
		KpiCatalog configured = Facts.catalog(Facts.settings(null, null,
				new KpiProperties.Roi(new BigDecimal("1000"), new BigDecimal("200"), new BigDecimal("10"),
						new BigDecimal("50"))));
		// gain = (1000 − 200 × 1) + 10 × 50 × 1 = 1300; cost = 1000 × 1; (1300 − 1000) ÷ 1000 = 0.3
		KpiValue roi = configured.compute(configured.find("crm.roi").orElseThrow(),
				KpiInputs.empty(ONE_MONTH).withSales(SalesGroupFacts.newBuilder().setRevenue(usd("1000.00")).build()));
		assertThat(roi.value()).isEqualByComparingTo("0.3");
		assertThat((BigDecimal) roi.components().get("gain")).isEqualByComparingTo("1300");
		// a cost of 0 per month cannot be divided by
		KpiCatalog free = Facts.catalog(Facts.settings(null, null, new KpiProperties.Roi(BigDecimal.ZERO, null, null, null)));
		assertThat(free.compute(free.find("crm.roi").orElseThrow(), KpiInputs.empty(ONE_MONTH)).value()).isNull();
	}
}
