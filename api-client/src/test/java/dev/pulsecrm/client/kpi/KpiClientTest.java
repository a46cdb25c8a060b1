package dev.pulsecrm.client.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.client.ApiProblemException;
import dev.pulsecrm.client.FakeGatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KpiClientTest extends FakeGatewayTest {

	@Autowired
	KpiClient kpis;

	@Test
	void theSnapshotAsksForThePeriodAndKeysAndReadsValuesTargetsAndMissingValues() {
		gateway.replyJson(200, """
				{"from":"2026-01-01T00:00:00Z","to":"2026-02-01T00:00:00Z","computedAt":"2026-02-01T00:00:01Z",
				 "sources":{"sales":"UP","support":"DOWN"},
				 "kpis":[{"key":"sales.win_rate","value":0.4,"unit":"ratio","status":"OK",
				          "components":{"won":2,"lost":3},"target":{"min":0.30},"targetMet":true},
				         {"key":"support.nps","value":null,"unit":"score","status":"SOURCE_UNAVAILABLE","components":{}}]}""");

		KpiSnapshot snapshot = this.kpis.snapshot(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-02-01T00:00:00Z"), List.of("sales.win_rate", "support.nps"));

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/kpis");
		assertThat(request.query().get("from")).containsExactly("2026-01-01T00:00:00Z");
		assertThat(request.query().get("to")).containsExactly("2026-02-01T00:00:00Z");
		assertThat(String.join(",", request.query().get("keys"))).isEqualTo("sales.win_rate,support.nps");
		assertThat(snapshot.sources()).containsEntry("support", "DOWN");
		KpiValue winRate = snapshot.kpi("sales.win_rate").orElseThrow();
		assertThat(winRate.isOk()).isTrue();
		assertThat(winRate.value()).isEqualByComparingTo("0.4");
		assertThat(winRate.target().min()).isEqualByComparingTo("0.30");
		assertThat(winRate.targetMet()).isTrue();
		assertThat(winRate.components()).containsEntry("won", 2);
		KpiValue nps = snapshot.kpi("support.nps").orElseThrow();
		assertThat(nps.value()).isNull();
		assertThat(nps.isOk()).isFalse();
	}

	@Test
	void aBreakdownIsAskedByKeyAndDimensionAndReadsItsGroups() {
		gateway.replyJson(200, """
				{"key":"marketing.new_leads","unit":"count","groupBy":"channel","groups":[
				  {"group":{"channel":"SEMINAR"},"value":12,"status":"OK","components":{}},
				  {"group":{"channel":"TV"},"value":3,"status":"OK","components":{}}]}""");

		KpiBreakdown breakdown = this.kpis.breakdown("marketing.new_leads", null, null, "channel");

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/kpis/marketing.new_leads");
		assertThat(request.singleQuery()).isEqualTo(Map.of("groupBy", "channel"));
		assertThat(breakdown.groups()).extracting(KpiGroupValue::group)
			.containsExactly(Map.of("channel", "SEMINAR"), Map.of("channel", "TV"));
		assertThat(breakdown.groups().get(0).value()).isEqualByComparingTo(BigDecimal.valueOf(12));
	}

	@Test
	void aSeriesIsAskedPerIntervalAndKeepsEmptyBucketsAsNull() {
		gateway.replyJson(200, """
				[{"from":"2026-01-01T00:00:00Z","to":"2026-02-01T00:00:00Z","value":0.5,"status":"OK"},
				 {"from":"2026-02-01T00:00:00Z","to":"2026-03-01T00:00:00Z","value":null,"status":"NO_DATA"}]""");

		List<SeriesPoint> series = this.kpis.series("sales.win_rate", Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-03-01T00:00:00Z"), "month");

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/kpis/sales.win_rate/series");
		assertThat(request.singleQuery()).containsEntry("interval", "month");
		assertThat(series).hasSize(2);
		assertThat(series.get(1).value()).isNull();
		assertThat(series.get(1).status()).isEqualTo("NO_DATA");
	}

	@Test
	void theCatalogListsKeysWithUnitsAndMetrics() {
		gateway.replyJson(200, """
				[{"key":"sales.win_rate","unit":"ratio","description":"won ÷ (won + lost)","formula":"won / (won + lost)",
				  "dimensions":["owner","team"],"sources":["sales"],"metric":"crm_sales_win_ratio","metricLabels":["window"]}]""");

		List<CatalogEntry> catalog = this.kpis.catalog();

		assertThat(gateway.request().path()).isEqualTo("/api/kpis/catalog");
		assertThat(catalog).singleElement().satisfies((entry) -> {
			assertThat(entry.metric()).isEqualTo("crm_sales_win_ratio");
			assertThat(entry.dimensions()).containsExactly("owner", "team");
			assertThat(entry.target()).isNull();
		});
	}

	@Test
	void aTokenWithoutTheManagerRoleGetsA403Problem() {
		gateway.reply(403, "application/problem+json", """
				{"title":"Forbidden","status":403,"detail":"the token's roles do not allow this route"}""");

		assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> this.kpis.catalog())
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(403);
				assertThat(problem.detail()).contains("roles");
			});
	}
}
