package dev.pulsecrm.kpi.api;

import static dev.pulsecrm.kpi.api.JsonNumbers.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import dev.pulsecrm.kpi.FakeFactsServers;
import dev.pulsecrm.kpi.KpiServiceTest;
import dev.pulsecrm.kpi.facts.MarketingFactsClient;
import dev.pulsecrm.platform.grpc.GuardedGrpcCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@KpiServiceTest
class SourceOutageTest {

	static final String JANUARY = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

	@Autowired
	MockMvc mvc;

	@Autowired
	FakeFactsServers sources;

	@Autowired
	GuardedGrpcCalls calls;

	@BeforeEach
	void marketingIsDown() {
		this.sources.reset();
		this.sources.marketing.failWith(Status.UNAVAILABLE.withDescription("marketing-service is restarting"));
	}

	@AfterEach
	void marketingRecovers() {
		this.sources.marketing.recover();
		// leave the breaker closed for the next test class sharing this context
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			this.mvc.perform(get("/api/kpis?keys=marketing.new_leads&" + JANUARY));
			assertThat(this.calls.state(MarketingFactsClient.SOURCE)).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	private static String kpi(String key) {
		return "$.kpis[?(@.key == '" + key + "')]";
	}

	@Test
	void theKpisOfASourceThatIsDownAreUnavailableAndTheOthersStillServed() throws Exception {
		this.mvc.perform(get("/api/kpis?" + JANUARY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sources.marketing").value("DOWN"))
			.andExpect(jsonPath("$.sources.sales").value("UP"))
			.andExpect(jsonPath("$.sources.support").value("UP"))
			.andExpect(jsonPath(kpi("marketing.new_leads") + ".status").value("SOURCE_UNAVAILABLE"))
			.andExpect(jsonPath(kpi("marketing.new_leads") + ".value").value(org.hamcrest.Matchers.contains(
					org.hamcrest.Matchers.nullValue())))
			// CAC needs marketing's spend as well as sales' new customers
			.andExpect(jsonPath(kpi("marketing.cac") + ".status").value("SOURCE_UNAVAILABLE"))
			// lead response is a sales KPI read from marketing's facts
			.andExpect(jsonPath(kpi("sales.lead_response_hours") + ".status").value("SOURCE_UNAVAILABLE"))
			// new customers come from sales alone
			.andExpect(jsonPath(kpi("marketing.new_customers") + ".value", number("4")))
			.andExpect(jsonPath(kpi("sales.win_rate") + ".value", number("0.4")))
			.andExpect(jsonPath(kpi("support.nps") + ".value", number("30")));
	}

	@Test
	void aSplitThatNeedsASourceThatIsDownIsServiceUnavailable() throws Exception {
		this.mvc.perform(get("/api/kpis/marketing.new_leads?groupBy=channel&" + JANUARY))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.detail", containsString("marketing")));
		// a split that does not read marketing is still served
		this.mvc.perform(get("/api/kpis/sales.win_rate?groupBy=team&" + JANUARY)).andExpect(status().isOk());
	}

	@Test
	void theBreakerOpensAndClosesAgainOnceTheSourceAnswers() throws Exception {
		// two failed calls fill the test breaker's window of 2: it opens and later calls do not reach marketing
		for (int i = 0; i < 2; i++) {
			this.mvc.perform(get("/api/kpis?keys=marketing.new_leads&" + JANUARY))
				.andExpect(jsonPath("$.sources.marketing").value("DOWN"));
		}
		assertThat(this.calls.state(MarketingFactsClient.SOURCE)).isEqualTo(CircuitBreaker.State.OPEN);
		int asked = this.sources.marketing.requests().size();
		this.mvc.perform(get("/api/kpis?keys=marketing.new_leads&" + JANUARY))
			.andExpect(jsonPath("$.sources.marketing").value("DOWN"));
		assertThat(this.sources.marketing.requests()).hasSize(asked);

		this.sources.marketing.recover();
		// after the open wait the breaker lets probes through (half-open); two successes close it
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			this.mvc.perform(get("/api/kpis?keys=marketing.new_leads&" + JANUARY))
				.andExpect(jsonPath("$.sources.marketing").value("UP"))
				.andExpect(jsonPath("$.kpis[0].value", number("20")));
			assertThat(this.calls.state(MarketingFactsClient.SOURCE)).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}
}
