package dev.pulsecrm.systemtests;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end: the five services as processes, an account, a deal and its win posted through the
 * gateway, then the KPIs computed by kpi-service from sales' gRPC facts, over REST and in Prometheus.
 */
class ThinSliceIT {

	static PlatformProcesses platform;

	static Api api;

	@BeforeAll
	static void start() {
		platform = PlatformProcesses.shared();
		api = platform.api("SALES,MANAGER");
	}

	@Test
	void aDealWonThroughTheGatewayShowsUpInTheKpisOfItsPeriod() {
		// a past day no other test writes to, so the period's KPIs are exactly this test's data
		Instant day = Instant.parse("2024-02-07T00:00:00Z");
		String account = createAccount("Thin Slice Ltd", day.plusSeconds(60));
		String deal = createDeal(account, "1250.75", day.plusSeconds(120));

		Api.Response won = api.post("/api/sales/deals/" + deal + "/win", Map.of("at", day.plusSeconds(3600).toString()));
		assertThat(won.status()).isEqualTo(200);
		assertThat(won.json().get("status").asString()).isEqualTo("WON");
		assertThat(api.get("/api/sales/accounts/" + account).json().get("customerSince").asString())
			.isEqualTo("2024-02-07T01:00:00Z");

		JsonNode kpis = kpis(day, day.plus(1, ChronoUnit.DAYS));
		assertThat(kpis.get("sources").get("sales").asString()).isEqualTo("UP");
		assertThat(value(kpis, "sales.deals_won")).isEqualByComparingTo("1");
		assertThat(value(kpis, "sales.revenue")).isEqualByComparingTo("1250.75");
		// the win is outside the day before: nothing there
		assertThat(value(kpis(day.minus(1, ChronoUnit.DAYS), day), "sales.deals_won")).isEqualByComparingTo("0");
	}

	@Test
	void aDealWonNowReachesThePrometheusGaugesOfTheBackgroundWindows() {
		String account = createAccount("Gauge Co", null);
		String deal = createDeal(account, "99.00", null);
		assertThat(api.post("/api/sales/deals/" + deal + "/win", Map.of()).status()).isEqualTo(200);

		Instant now = Instant.now();
		BigDecimal expected = value(kpis(now.minus(7, ChronoUnit.DAYS), now.plusSeconds(1)), "sales.deals_won");
		assertThat(expected).isPositive();
		Api kpiService = new Api(platform.direct("kpi-service"));  // Prometheus scrapes the service directly
		await("the 7d gauge to include the win").atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
			String scrape = kpiService.get("/actuator/prometheus").text();
			assertThat(PrometheusText.value(scrape, "crm_sales_deals_won", Map.of("window", "7d")))
				.isEqualByComparingTo(expected);
			assertThat(PrometheusText.value(scrape, "crm_kpi_source_up", Map.of("source", "sales")))
				.isEqualByComparingTo("1");
		});
	}

	@Test
	void badInputOnTheSliceGetsAProblemResponseAndChangesNothing() {
		Instant day = Instant.parse("2024-03-11T00:00:00Z");
		String account = createAccount("Careful Inc", day.plusSeconds(10));

		Api.Response missingAccount = api.post("/api/sales/deals", deal("no-such-account", "10.00", day.plusSeconds(20)));
		assertThat(missingAccount.status()).isBetween(400, 499);
		assertThat(missingAccount.isProblem()).isTrue();

		Api.Response negative = api.post("/api/sales/deals", deal(account, "-5.00", day.plusSeconds(20)));
		assertThat(negative.status()).isEqualTo(422);
		assertThat(negative.isProblem()).isTrue();
		assertThat(negative.json().get("errors").get(0).get("field").asString()).isEqualTo("amount.amount");

		String deal = createDeal(account, "40.00", day.plusSeconds(30));
		assertThat(api.post("/api/sales/deals/" + deal + "/win", Map.of("at", day.plusSeconds(40).toString())).status())
			.isEqualTo(200);
		Api.Response again = api.post("/api/sales/deals/" + deal + "/win", Map.of("at", day.plusSeconds(50).toString()));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();

		// nothing of the refused requests was written: one won deal, at its first win
		JsonNode kpis = kpis(day, day.plus(1, ChronoUnit.DAYS));
		assertThat(value(kpis, "sales.deals_won")).isEqualByComparingTo("1");
		assertThat(value(kpis, "sales.revenue")).isEqualByComparingTo("40.00");
		assertThat(api.get("/api/sales/deals/" + deal).json().get("wonAt").asString()).isEqualTo("2024-03-11T00:00:40Z");
	}

	static String createAccount(String name, Instant createdAt) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("name", name, "industry", "Software", "region", "EMEA", "segment", "SMB", "ownerId", "alice",
						"team", "emea"));
		if (createdAt != null) {
			body.put("createdAt", createdAt.toString());
		}
		Api.Response response = api.post("/api/sales/accounts", body);
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.id();
	}

	static String createDeal(String account, String amount, Instant createdAt) {
		Api.Response response = api.post("/api/sales/deals", deal(account, amount, createdAt));
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.id();
	}

	static Map<String, Object> deal(String account, String amount, Instant createdAt) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("accountId", account, "name", "Deal of " + account,
				"ownerId", "alice", "team", "emea", "type", "NEW_BUSINESS", "amount",
				Map.of("amount", amount, "currency", "USD")));
		if (createdAt != null) {
			body.put("createdAt", createdAt.toString());
		}
		return body;
	}

	static JsonNode kpis(Instant from, Instant to) {
		Api.Response response = api.get("/api/kpis?from=" + from + "&to=" + to);
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	static BigDecimal value(JsonNode snapshot, String key) {
		for (JsonNode kpi : snapshot.get("kpis")) {
			if (kpi.get("key").asString().equals(key)) {
				return kpi.get("value").isNull() ? null : kpi.get("value").decimalValue();
			}
		}
		throw new AssertionError(key + " is not in " + snapshot);
	}
}
