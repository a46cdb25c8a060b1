package dev.pulsecrm.kpi.api;

import static dev.pulsecrm.kpi.api.JsonNumbers.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import dev.pulsecrm.kpi.FakeFactsServers;
import dev.pulsecrm.kpi.KpiServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@KpiServiceTest
class KpiApiTest {

	static final String JANUARY = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

	@Autowired
	MockMvc mvc;

	@Autowired
	FakeFactsServers sources;

	@BeforeEach
	void standardFacts() {
		this.sources.reset();
	}

	private ResultActions get(String uri) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(uri));
	}

	private static String kpi(String key) {
		return "$.kpis[?(@.key == '" + key + "')]";
	}

	@Test
	void servesEveryKpiOfThePeriodWithItsSourcesAndTargets() throws Exception {
		get("/api/kpis?" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value("2026-01-01T00:00:00Z"))
			.andExpect(jsonPath("$.to").value("2026-02-01T00:00:00Z"))
			.andExpect(jsonPath("$.computedAt").value("2026-03-15T12:00:00Z"))
			.andExpect(jsonPath("$.sources.sales").value("UP"))
			.andExpect(jsonPath("$.sources.marketing").value("UP"))
			.andExpect(jsonPath("$.sources.support").value("UP"))
			.andExpect(jsonPath("$.kpis", hasSize(40)))
			// won 4 ÷ (4 + 6), target ≥ 0.30 from application.yml
			.andExpect(jsonPath(kpi("sales.win_rate") + ".value", number("0.4")))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".status").value("OK"))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".unit").value("ratio"))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".components.numerator").value(4))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".components.denominator").value(10))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".target.min").value(0.30))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".targetMet").value(true))
			.andExpect(jsonPath(kpi("sales.revenue") + ".value", number("1000.00")))
			// 500 spend ÷ 4 new customers
			.andExpect(jsonPath(kpi("marketing.cac") + ".value", number("125")))
			// c1 300 + c2 200; (500 − 500) ÷ 500
			.andExpect(jsonPath(kpi("marketing.campaign_revenue") + ".value", number("500")))
			.andExpect(jsonPath(kpi("marketing.campaign_roi") + ".value", number("0")))
			// trailing year: 1000 × 10 active ÷ (2 accounts × 2 churned) = 2500
			.andExpect(jsonPath(kpi("marketing.clv") + ".value", number("2500")))
			.andExpect(jsonPath(kpi("marketing.clv") + ".components.lifespanYears").value(5))
			// 12.5 hours against a ceiling of 24
			.andExpect(jsonPath(kpi("support.resolution_hours") + ".value", number("12.5")))
			.andExpect(jsonPath(kpi("support.resolution_hours") + ".target.max").value(24))
			.andExpect(jsonPath(kpi("support.resolution_hours") + ".targetMet").value(true))
			.andExpect(jsonPath(kpi("sales.stage_duration_days") + ".components.bottleneck").value("PROPOSAL"))
			// no value: null and NO_DATA, never 0; no target fields where there is no target
			.andExpect(jsonPath(kpi("crm.roi") + ".value").value(org.hamcrest.Matchers.contains(nullValue())))
			.andExpect(jsonPath(kpi("crm.roi") + ".status").value("NO_DATA"))
			.andExpect(jsonPath(kpi("sales.lead_to_customer_days") + ".status").value("NO_DATA"))
			.andExpect(jsonPath(kpi("crm.roi") + ".target").doesNotExist());
	}

	@Test
	void thePeriodDefaultsToTheLast30Days() throws Exception {
		get("/api/kpis?keys=sales.deals_won").andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value("2026-02-13T12:00:00Z"))
			.andExpect(jsonPath("$.to").value("2026-03-15T12:00:00Z"));
		assertThat(this.sources.sales.periodsAsked(""))
			.containsExactly(List.of(Instant.parse("2026-02-13T12:00:00Z"), Instant.parse("2026-03-15T12:00:00Z")));
	}

	@Test
	void asksOnlyTheSourcesTheRequestedKpisNeed() throws Exception {
		get("/api/kpis?keys=support.nps,support.csat&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.sources.support").value("UP"))
			.andExpect(jsonPath("$.sources.sales").doesNotExist())
			.andExpect(jsonPath("$.kpis", hasSize(2)))
			.andExpect(jsonPath("$.kpis[0].value", number("30")))
			.andExpect(jsonPath("$.kpis[1].value", number("0.8")));
		assertThat(this.sources.sales.requests()).isEmpty();
		assertThat(this.sources.marketing.requests()).isEmpty();
	}

	@Test
	void revenueGrowthAlsoAsksForThePreviousPeriod() throws Exception {
		get("/api/kpis?keys=sales.revenue_growth&" + JANUARY).andExpect(status().isOk())
			// the same facts in both periods: (1000 − 1000) ÷ 1000
			.andExpect(jsonPath("$.kpis[0].value", number("0")));
		// [from − 31 days, from) beside [from, to)
		assertThat(this.sources.sales.periodsAsked("")).containsExactlyInAnyOrder(
				List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")),
				List.of(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
	}

	@Test
	void clvAsksOnlyForTheTrailingYear() throws Exception {
		get("/api/kpis?keys=marketing.clv&" + JANUARY).andExpect(status().isOk());
		assertThat(this.sources.sales.periodsAsked(""))
			.containsExactly(List.of(Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")));
	}

	@Test
	void aKpiWithoutThePreviousPeriodNeverAsksForIt() throws Exception {
		get("/api/kpis?keys=sales.revenue,sales.win_rate&" + JANUARY).andExpect(status().isOk());
		assertThat(this.sources.sales.periodsAsked(""))
			.containsExactly(List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")));
	}

	@Test
	void unknownKeysAreABadRequest() throws Exception {
		get("/api/kpis?keys=sales.win_rate,sales.happiness&" + JANUARY).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("keys"))
			.andExpect(jsonPath("$.detail", containsString("sales.happiness")));
		assertThat(this.sources.sales.requests()).isEmpty();
	}

	@Test
	void fromMustBeBeforeTo() throws Exception {
		get("/api/kpis?from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		get("/api/kpis?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z").andExpect(status().isBadRequest());
		assertThat(this.sources.sales.requests()).isEmpty();
	}

	@Test
	void aPeriodMayLastFiveYearsButNoLonger() throws Exception {
		get("/api/kpis?keys=sales.deals_won&from=2021-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")
			.andExpect(status().isOk());
		get("/api/kpis?keys=sales.deals_won&from=2021-01-01T00:00:00Z&to=2026-01-01T00:00:00.001Z")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
	}

	@Test
	void aMalformedInstantIsABadRequest() throws Exception {
		get("/api/kpis?from=yesterday").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void theCatalogDescribesEveryKpi() throws Exception {
		get("/api/kpis/catalog").andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(40)))
			.andExpect(jsonPath("$[?(@.key == 'sales.win_rate')].formula").value("won ÷ (won + lost), both in period"))
			.andExpect(jsonPath("$[?(@.key == 'sales.win_rate')].metric").value("crm_sales_win_ratio"))
			.andExpect(jsonPath("$[?(@.key == 'sales.win_rate')].target.min").value(0.30))
			.andExpect(jsonPath("$[?(@.key == 'marketing.cac')].sources[*]").value(
					org.hamcrest.Matchers.containsInAnyOrder("marketing", "sales")))
			.andExpect(jsonPath("$[?(@.key == 'marketing.cac')].dimensions[*]").value(
					org.hamcrest.Matchers.containsInAnyOrder("campaign", "channel")));
	}

	@Test
	void servesItsOpenApiDocument() throws Exception {
		get("/v3/api-docs").andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/kpis']").exists())
			.andExpect(jsonPath("$.paths['/api/kpis/{key}/series']").exists());
	}

	@Test
	void withoutGroupByAKpiHasOneGroupOfTotals() throws Exception {
		get("/api/kpis/sales.win_rate?" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.key").value("sales.win_rate"))
			.andExpect(jsonPath("$.unit").value("ratio"))
			.andExpect(jsonPath("$.groups", hasSize(1)))
			.andExpect(jsonPath("$.groups[0].group").isEmpty())
			.andExpect(jsonPath("$.groups[0].value", number("0.4")));
	}

	@Test
	void winRateSplitsByTeam() throws Exception {
		get("/api/kpis/sales.win_rate?groupBy=team&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups", hasSize(3)))
			.andExpect(jsonPath("$.groups[0].group.team").value("amer"))
			.andExpect(jsonPath("$.groups[0].value", number("0.5")))
			.andExpect(jsonPath("$.groups[1].group.team").value("apac"))
			.andExpect(jsonPath("$.groups[1].value", number("0")))
			.andExpect(jsonPath("$.groups[2].group.team").value("emea"))
			.andExpect(jsonPath("$.groups[2].value", number("0.75")));
		assertThat(this.sources.sales.requests()).extracting((request) -> request.getGroupBy()).containsExactly("team");
	}

	@Test
	void dealsLostSplitByLossReason() throws Exception {
		get("/api/kpis/sales.deals_lost?groupBy=lossReason&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[0].group.lossReason").value("PRICE"))
			.andExpect(jsonPath("$.groups[0].value", number("4")))
			.andExpect(jsonPath("$.groups[1].group.lossReason").value("TIMING"))
			.andExpect(jsonPath("$.groups[1].value", number("2")));
	}

	@Test
	void cacByChannelRollsSalesCampaignsUpWithMarketingsChannelMap() throws Exception {
		// SEMINAR: spend 200 ÷ c1's 2 new customers = 100; TRADE_SHOW: 300 ÷ c2's 1 = 300;
		// NONE: the customer won without a campaign, no spend
		get("/api/kpis/marketing.cac?groupBy=channel&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups", hasSize(3)))
			.andExpect(jsonPath("$.groups[0].group.channel").value("NONE"))
			.andExpect(jsonPath("$.groups[0].value", number("0")))
			.andExpect(jsonPath("$.groups[1].group.channel").value("SEMINAR"))
			.andExpect(jsonPath("$.groups[1].value", number("100")))
			.andExpect(jsonPath("$.groups[2].group.channel").value("TRADE_SHOW"))
			.andExpect(jsonPath("$.groups[2].value", number("300")));
		assertThat(this.sources.sales.requests()).extracting((request) -> request.getGroupBy())
			.containsExactly("campaign");
		assertThat(this.sources.marketing.requests()).extracting((request) -> request.getGroupBy())
			.containsExactly("channel");
	}

	@Test
	void channelEffectivenessTableGivesLeadsConversionAndRevenuePerChannel() throws Exception {
		get("/api/kpis/marketing.lead_conversion_rate?groupBy=channel&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[0].group.channel").value("SEMINAR"))
			.andExpect(jsonPath("$.groups[0].value", number("0.5")))
			.andExpect(jsonPath("$.groups[1].group.channel").value("TRADE_SHOW"))
			.andExpect(jsonPath("$.groups[1].value", number("0")));
		get("/api/kpis/marketing.campaign_revenue?groupBy=channel&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[?(@.group.channel == 'SEMINAR')].value", number("300.00")))
			.andExpect(jsonPath("$.groups[?(@.group.channel == 'TRADE_SHOW')].value", number("200.00")));
	}

	@Test
	void campaignRoiPerCampaign() throws Exception {
		// c1 (300 − 100) ÷ 100 = 2; c2 (200 − 400) ÷ 400 = −0.5; deals without a campaign have no ROI
		get("/api/kpis/marketing.campaign_roi?groupBy=campaign&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[?(@.group.campaign == 'c1')].value", number("2")))
			.andExpect(jsonPath("$.groups[?(@.group.campaign == 'c2')].value", number("-0.5")))
			.andExpect(jsonPath("$.groups[?(@.group.campaign == 'NONE')].status").value("NO_DATA"));
	}

	@Test
	void stageDurationSplitsByStageAndFlagsTheBottleneck() throws Exception {
		get("/api/kpis/sales.stage_duration_days?groupBy=stage&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[0].group.stage").value("QUALIFICATION"))
			.andExpect(jsonPath("$.groups[0].value", number("1")))
			.andExpect(jsonPath("$.groups[0].components.bottleneck").value(false))
			.andExpect(jsonPath("$.groups[1].group.stage").value("PROPOSAL"))
			.andExpect(jsonPath("$.groups[1].value", number("3")))
			.andExpect(jsonPath("$.groups[1].components.bottleneck").value(true));
		// split from the totals' stage list: no split call to sales
		assertThat(this.sources.sales.requests()).extracting((request) -> request.getGroupBy()).containsExactly("");
	}

	@Test
	void heardFromSplitsByChannel() throws Exception {
		get("/api/kpis/customer.heard_from?groupBy=channel&" + JANUARY).andExpect(status().isOk())
			.andExpect(jsonPath("$.groups[0].group.channel").value("SEMINAR"))
			.andExpect(jsonPath("$.groups[0].value", number("3")))
			.andExpect(jsonPath("$.groups[1].group.channel").value("TRADE_SHOW"))
			.andExpect(jsonPath("$.groups[1].value", number("2")));
	}

	@Test
	void aDimensionTheKpiCannotBeSplitByIsABadRequest() throws Exception {
		get("/api/kpis/support.nps?groupBy=team&" + JANUARY).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("groupBy"));
		get("/api/kpis/sales.win_rate?groupBy=colour&" + JANUARY).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("owner")));
		assertThat(this.sources.sales.requests()).isEmpty();
		assertThat(this.sources.support.requests()).isEmpty();
	}

	@Test
	void aSourceThatRefusesTheSplitIsADependencyProblem() throws Exception {
		// the fake support service splits by nothing (INVALID_ARGUMENT), so a split by priority cannot be served
		get("/api/kpis/support.resolution_hours?groupBy=priority&" + JANUARY)
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.detail", containsString("INVALID_ARGUMENT")));
	}

	@Test
	void anUnknownKpiIsNotFound() throws Exception {
		get("/api/kpis/sales.happiness").andExpect(status().isNotFound());
		get("/api/kpis/sales.happiness/series").andExpect(status().isNotFound());
	}

	@Test
	void aSeriesHasOneValuePerBucket() throws Exception {
		get("/api/kpis/sales.win_rate/series?from=2026-03-01T00:00:00Z&to=2026-03-22T00:00:00Z&interval=week")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(3)))
			.andExpect(jsonPath("$[0].from").value("2026-03-01T00:00:00Z"))
			.andExpect(jsonPath("$[0].to").value("2026-03-08T00:00:00Z"))
			.andExpect(jsonPath("$[0].value", number("0.4")))
			.andExpect(jsonPath("$[2].to").value("2026-03-22T00:00:00Z"));
		assertThat(this.sources.sales.periodsAsked("")).containsExactlyInAnyOrder(
				List.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z")),
				List.of(Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-15T00:00:00Z")),
				List.of(Instant.parse("2026-03-15T00:00:00Z"), Instant.parse("2026-03-22T00:00:00Z")));
	}

	@Test
	void aSeriesWithTooManyBucketsOrAnUnknownIntervalIsABadRequest() throws Exception {
		get("/api/kpis/sales.win_rate/series?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=day")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("interval"));
		get("/api/kpis/sales.win_rate/series?" + JANUARY + "&interval=fortnight").andExpect(status().isBadRequest());
		assertThat(this.sources.sales.requests()).isEmpty();
	}
}
