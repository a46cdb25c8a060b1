package dev.pulsecrm.kpi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pulsecrm.kpi.FakeFactsServers;
import dev.pulsecrm.kpi.KpiServiceTest;
import dev.pulsecrm.kpi.facts.MarketingFactsClient;
import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Status;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@KpiServiceTest
class KpiGaugesTest {

	static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

	static final String[] WINDOWS = { "7d", "30d", "90d", "mtd", "qtd" };

	@Autowired
	MockMvc mvc;

	@Autowired
	FakeFactsServers sources;

	@Autowired
	KpiGauges gauges;

	@Autowired
	GuardedGrpcCalls calls;

	@BeforeEach
	void standardFacts() {
		this.sources.reset();
		awaitMarketingBreakerClosed();
	}

	/**
	 * Another test may have left the breaker open; refreshes with a healthy source close it. The refresh that closes
	 * it may still have had calls refused while half-open, so one more refresh publishes a complete set.
	 */
	private void awaitMarketingBreakerClosed() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			this.gauges.refreshAt(NOW);
			assertThat(this.calls.state(MarketingFactsClient.SOURCE)).isEqualTo(CircuitBreaker.State.CLOSED);
		});
		this.gauges.refreshAt(NOW);
	}

	private Scrape scrape() throws Exception {
		String text = this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return Scrape.parse(text);
	}

	@Test
	void everyWindowPublishesTheTotalsWithEmptyDimensionLabels() throws Exception {
		this.gauges.refreshAt(NOW);
		Scrape scrape = scrape();
		for (String window : WINDOWS) {
			assertThat(scrape.find("crm_sales_win_ratio", "window", window, "team", "")).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.4));
			assertThat(scrape.find("crm_sales_revenue", "window", window)).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(1000.0));
			assertThat(scrape.find("crm_support_nps", "window", window)).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(30.0));
			assertThat(scrape.find("crm_sales_cycle_length_days", "window", window)).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(10.0));
			assertThat(scrape.find("crm_customer_churn_ratio", "window", window)).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.2));
			assertThat(scrape.find("crm_support_csat_ratio", "window", window)).hasSize(1);
		}
	}

	@Test
	void groupRowsCarryTheirDimensionAndAreCappedAtTheHighestValues() throws Exception {
		this.gauges.refreshAt(NOW);
		Scrape scrape = scrape();
		// teams: emea 0.75, amer 0.5, apac 0; the test cap of 2 keeps the two highest
		assertThat(scrape.find("crm_sales_win_ratio", "window", "30d", "team", "emea")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.75));
		assertThat(scrape.find("crm_sales_win_ratio", "window", "30d", "team", "amer")).hasSize(1);
		assertThat(scrape.find("crm_sales_win_ratio", "window", "30d", "team", "apac")).isEmpty();
		assertThat(scrape.find("crm_sales_stage_duration_days", "window", "30d", "stage", "PROPOSAL")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(3.0));
		assertThat(scrape.find("crm_sales_stage_win_probability_ratio", "window", "7d", "stage", "QUALIFICATION"))
			.singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.4));
		assertThat(scrape.find("crm_customer_heard_from", "window", "qtd", "channel", "SEMINAR")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(3.0));
		assertThat(scrape.find("crm_marketing_campaign_roi_ratio", "window", "mtd", "campaign", "c1")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(2.0));
		assertThat(scrape.find("crm_marketing_cac", "window", "90d", "channel", "SEMINAR")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(100.0));
		assertThat(scrape.find("crm_sales_deals_lost", "window", "90d", "lossReason", "PRICE")).hasSize(1);
		// every row of a family has the same label names
		assertThat(scrape.find("crm_marketing_campaign_revenue", "window", "30d"))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsKeys("window", "campaign", "channel"));
	}

	@Test
	void aScrapeReadsTheLastRefreshAndNeverAsksTheSources() throws Exception {
		this.gauges.refreshAt(NOW);
		int asked = this.sources.sales.requests().size();
		// the sales facts change, but until the next refresh a scrape shows what the last one computed
		this.sources.sales.answerWith((request) -> dev.pulsecrm.proto.sales.v1.SalesFactsReply.getDefaultInstance());
		Scrape scrape = scrape();
		assertThat(this.sources.sales.requests()).hasSize(asked);
		assertThat(scrape.find("crm_sales_win_ratio", "window", "30d", "team", "")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.4));
		// the next refresh sees no closed deal: the win rate is undefined and its series disappears
		this.gauges.refreshAt(NOW);
		assertThat(scrape().find("crm_sales_win_ratio")).isEmpty();
	}

	@Test
	void aKpiWithoutAValueHasNoSeries() throws Exception {
		this.gauges.refreshAt(NOW);
		Scrape scrape = scrape();
		// crm.roi is not configured and no won deal came from a lead: both NO_DATA
		assertThat(scrape.find("crm_crm_roi_ratio")).isEmpty();
		assertThat(scrape.find("crm_sales_lead_to_customer_days")).isEmpty();
		// the campaign of deals without one has no spend, so no ROI row either
		assertThat(scrape.find("crm_marketing_campaign_roi_ratio", "campaign", "NONE")).isEmpty();
	}

	@Test
	void healthOfTheComputationTargetsAndCurrencyArePublished() throws Exception {
		this.gauges.refreshAt(NOW);
		Scrape scrape = scrape();
		for (String source : new String[] { "sales", "marketing", "support" }) {
			assertThat(scrape.find("crm_kpi_source_up", "source", source)).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(1.0));
			assertThat(scrape.find("crm_kpi_last_success_timestamp_seconds", "source", source)).singleElement()
				.satisfies((sample) -> assertThat(sample.value()).isEqualTo(NOW.getEpochSecond()));
		}
		assertThat(scrape.find("crm_kpi_target", "kpi", "sales.win_rate")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.30));
		assertThat(scrape.find("crm_kpi_target_met", "kpi", "sales.win_rate")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(1.0));
		// resolution 12.5 hours under a ceiling of 24
		assertThat(scrape.find("crm_kpi_target_met", "kpi", "support.resolution_hours")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(1.0));
		assertThat(scrape.find("crm_kpi_info", "currency", "USD")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(1.0));
		assertThat(scrape.find("crm_kpi_refresh_seconds_count")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isGreaterThanOrEqualTo(1.0));
	}

	@Test
	void aSourceThatIsDownRemovesItsSeriesAndReportsItselfDown() throws Exception {
		this.gauges.refreshAt(NOW);
		this.sources.marketing.failWith(Status.UNAVAILABLE);
		this.gauges.refreshAt(NOW.plusSeconds(60));
		Scrape scrape = scrape();
		assertThat(scrape.find("crm_kpi_source_up", "source", "marketing")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(0.0));
		// its last success stays at the earlier refresh, so its age shows
		assertThat(scrape.find("crm_kpi_last_success_timestamp_seconds", "source", "marketing")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(NOW.getEpochSecond()));
		assertThat(scrape.find("crm_kpi_last_success_timestamp_seconds", "source", "sales")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(NOW.getEpochSecond() + 60));
		assertThat(scrape.find("crm_marketing_new_leads")).isEmpty();
		assertThat(scrape.find("crm_marketing_cac")).isEmpty();
		assertThat(scrape.find("crm_sales_win_ratio", "window", "30d", "team", "")).hasSize(1);
		this.sources.marketing.recover();
		awaitMarketingBreakerClosed();
		assertThat(scrape().find("crm_marketing_new_leads", "window", "30d", "channel", "")).hasSize(1);
	}

	/**
	 * {@code promtool check metrics} must parse the exposition, and its lint may only flag what KPIS.md and the
	 * dashboards fix on purpose: units in the KPI's own words ({@code _days}, {@code _hours}, not seconds) and the
	 * {@code lossReason} label. Lint findings on Spring's and Micrometer's own meters (help texts) are not ours.
	 */
	@Test
	void theExpositionPassesPromtool() throws Exception {
		Assumptions.assumeTrue(promtoolOnPath(),
				"promtool is not on PATH (Debian package 'prometheus'); the exposition check is skipped");
		this.gauges.refreshAt(NOW);
		String exposition = scrape().text();
		Path file = Files.createTempFile("kpi-exposition", ".prom");
		try {
			Files.writeString(file, exposition);
			Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
			// 0: clean; 3: lint findings only; anything else (1) is a parse error
			assertThat(promtool.exitValue()).as(output).isIn(0, 3);
			assertThat(output).doesNotContain("error while linting");
			List<String> ourFindings = output.lines()
				.filter((line) -> line.startsWith("crm_"))
				.filter((line) -> !line.matches("crm_\\w+_(days|hours) use base unit \"seconds\" instead of \"(days|hours)\""))
				.filter((line) -> !line.equals(
						"crm_sales_deals_lost label names should be written in 'snake_case' not 'camelCase'"))
				.toList();
			assertThat(ourFindings).isEmpty();
		}
		finally {
			Files.delete(file);
		}
	}

	private static boolean promtoolOnPath() throws IOException {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "promtool"))) {
				return true;
			}
		}
		return false;
	}
}
