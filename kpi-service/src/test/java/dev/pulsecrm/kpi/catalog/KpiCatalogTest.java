package dev.pulsecrm.kpi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigDecimal;
import java.util.Map;

import dev.pulsecrm.kpi.metrics.MetricNames;
import org.junit.jupiter.api.Test;

class KpiCatalogTest {

	@Test
	void declaresEveryKpiOfKpisMd() {
		assertThat(Facts.catalog().definitions()).extracting(KpiDefinition::key)
			.containsExactly("sales.deals_won", "sales.deals_lost", "sales.win_rate", "sales.revenue",
					"sales.revenue_growth", "sales.average_deal_value", "sales.upsell_rate",
					"sales.cycle_length_days", "sales.lead_to_customer_days", "sales.stage_duration_days",
					"sales.stage_win_probability", "sales.pipeline_value", "sales.weighted_pipeline",
					"sales.lead_response_hours", "marketing.new_leads", "marketing.lead_conversion_rate",
					"marketing.spend", "marketing.new_customers", "marketing.cac", "marketing.acquired_customer_value",
					"marketing.cac_payback_months", "marketing.clv", "marketing.campaign_revenue",
					"marketing.campaign_roi", "marketing.email_open_rate", "marketing.email_click_rate",
					"marketing.email_response_rate", "marketing.email_conversion_rate", "marketing.list_growth_rate",
					"support.nps", "support.csat", "support.first_response_hours", "support.resolution_hours",
					"support.sla_compliance", "support.tickets_opened", "support.backlog", "customer.churn_rate",
					"customer.retention_rate", "customer.heard_from", "crm.roi");
	}

	@Test
	void everyMetricDimensionIsAlsoAGroupByDimension() {
		for (KpiDefinition definition : Facts.catalog().definitions()) {
			assertThat(definition.dimensions()).as(definition.key()).containsAll(definition.metricDimensions());
		}
	}

	@Test
	void metricNamesFollowTheDashboardsNamingRule() {
		KpiCatalog catalog = Facts.catalog();
		Map<String, String> expected = Map.of("sales.win_rate", "crm_sales_win_ratio", "support.csat",
				"crm_support_csat_ratio", "customer.churn_rate", "crm_customer_churn_ratio", "sales.revenue",
				"crm_sales_revenue", "sales.cycle_length_days", "crm_sales_cycle_length_days", "support.nps",
				"crm_support_nps", "crm.roi", "crm_crm_roi_ratio", "marketing.cac_payback_months",
				"crm_marketing_cac_payback_months", "sales.stage_win_probability",
				"crm_sales_stage_win_probability_ratio");
		expected.forEach((key, name) -> {
			KpiDefinition definition = catalog.find(key).orElseThrow();
			assertThat(MetricNames.prometheusName(key, definition.unit())).isEqualTo(name);
		});
	}

	@Test
	void aTargetIsMetFromItsFloorOrUpToItsCeiling() {
		Target floor = new Target(new BigDecimal("0.30"), null);
		assertThat(floor.isMetBy(new BigDecimal("0.30"))).isTrue();
		assertThat(floor.isMetBy(new BigDecimal("0.29"))).isFalse();
		Target ceiling = new Target(null, new BigDecimal("24"));
		assertThat(ceiling.isMetBy(new BigDecimal("24"))).isTrue();
		assertThat(ceiling.isMetBy(new BigDecimal("24.5"))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new Target(BigDecimal.ONE, BigDecimal.TEN));
	}

	@Test
	void aKpiReportsItsTargetAndWhetherItIsMet() {
		KpiProperties settings = new KpiProperties(null,
				Map.of("sales.win_rate", new Target(new BigDecimal("0.30"), null)), null, null, null, null, null, null,
				null);
		KpiCatalog catalog = Facts.catalog(settings);
		KpiValue winRate = catalog.compute(catalog.find("sales.win_rate").orElseThrow(),
				KpiInputs.empty(Facts.ONE_MONTH)
					.withSales(dev.pulsecrm.proto.sales.v1.SalesGroupFacts.newBuilder()
						.setDealsWon(1)
						.setDealsLost(3)
						.build()));
		assertThat(winRate.target()).isEqualTo(new Target(new BigDecimal("0.30"), null));
		assertThat(winRate.targetMet()).isFalse();
		KpiValue undefined = catalog.compute(catalog.find("sales.win_rate").orElseThrow(),
				KpiInputs.empty(Facts.ONE_MONTH));
		assertThat(undefined.targetMet()).isNull();
	}

	@Test
	void aTargetForAnUnknownKeyStopsTheServiceWithAHintAboutBrackets() {
		KpiProperties settings = new KpiProperties(null, Map.of("sales", new Target(BigDecimal.ONE, null)), null, null,
				null, null, null, null, null);
		assertThatIllegalStateException().isThrownBy(() -> Facts.catalog(settings)).withMessageContaining("brackets");
	}
}
