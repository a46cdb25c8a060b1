package dev.pulsecrm.systemtests;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.pulsecrm.systemtests.kpis.KpiDataSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.pulsecrm.systemtests.kpis.KpiDataSet.line;
import static dev.pulsecrm.systemtests.kpis.KpiDataSet.object;
import static dev.pulsecrm.systemtests.kpis.KpiDataSet.usd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, "must show": every KPI of the catalogue, computed end to end (imports and REST commands through the
 * gateway, facts over gRPC, kpi-service over REST), equals the value computed by hand from a small hand-made data
 * set. The period is May 2021 = [2021-05-01, 2021-06-01), 31 days; its previous period is [2021-03-31, 2021-05-01)
 * and its trailing year [2020-06-01, 2021-06-01). No other test writes anything dated before 2024, so the
 * "customers active at t", list size and backlog counts, which look at all history, are this test's alone.
 *
 * <p>Every date below is UTC. Day arithmetic in the comments: "05-03 → 05-13 = 10 d".
 */
class KpiEndToEndIT {

	static final Instant FROM = Instant.parse("2021-05-01T00:00:00Z");

	static final Instant TO = Instant.parse("2021-06-01T00:00:00Z");

	static final String X = "e2e21-";

	static PlatformProcesses platform;

	static Api sales;

	static Api marketing;

	static Api support;

	static Api manager;

	static final KpiDataSet data = new KpiDataSet();

	/** Keys this test checks; the catalogue must not hold any other. */
	final Set<String> asserted = new TreeSet<>();

	final SoftAssertions softly = new SoftAssertions();

	@BeforeAll
	static void loadTheDataSet() {
		platform = PlatformProcesses.shared();
		sales = platform.api("SALES,MANAGER");
		marketing = platform.api("MARKETING,MANAGER");
		support = platform.api("SUPPORT,MANAGER");
		manager = platform.api("MANAGER");
		loadMarketing();
		loadSales();
		convertLeadAndWinItsDeal();
		loadSupport();
	}

	// ------------------------------------------------------------------ the data set

	/**
	 * Campaigns C1 SEMINAR, C2 SEARCH_ADS, C3 EMAIL; spend; six leads; C3's e-mail events; the mailing list.
	 */
	static void loadMarketing() {
		List<Map<String, Object>> lines = new ArrayList<>();
		lines.add(campaign("c1", "Spring seminar", "SEMINAR"));
		lines.add(campaign("c2", "Search May", "SEARCH_ADS"));
		lines.add(campaign("c3", "Newsletter", "EMAIL"));
		// spend in May: C1 300 + 100, C2 250, C3 50 (on the last day) = 700; 999 on 06-01 and 77 on 04-30 are out
		lines.add(spend("c1", "300.00", "2021-05-05"));
		lines.add(spend("c1", "100.00", "2021-05-20"));
		lines.add(spend("c1", "999.00", "2021-06-01"));
		lines.add(spend("c2", "250.00", "2021-05-10"));
		lines.add(spend("c2", "77.00", "2021-04-30"));
		lines.add(spend("c3", "50.00", "2021-05-31"));
		// leads: created, first contact, qualified
		lines.add(lead("l1", "SEMINAR", "c1", "2021-05-02T00:00:00Z", "2021-05-02T06:00:00Z", "2021-05-04T00:00:00Z"));
		lines.add(lead("l2", "SEMINAR", "c1", "2021-05-03T00:00:00Z", "2021-05-03T12:00:00Z", "2021-05-05T00:00:00Z"));
		lines.add(lead("l3", "SEARCH_ADS", "c2", "2021-05-10T00:00:00Z", "2021-05-11T00:00:00Z", null));
		lines.add(lead("l4", "SEARCH_ADS", "c2", "2021-05-20T00:00:00Z", null, null));
		lines.add(lead("l5", "EMAIL", "c3", "2021-04-28T00:00:00Z", "2021-05-01T00:00:00Z", null));
		lines.add(lead("l6", "TRADE_SHOW", null, "2021-05-30T00:00:00Z", "2021-06-01T00:00:00Z", null));
		// C3's e-mail events, (campaign, lead) pairs
		lines.add(event("l1", "SENT", "2021-05-03T09:00:00Z"));
		lines.add(event("l1", "OPENED", "2021-05-03T10:00:00Z"));
		lines.add(event("l1", "CLICKED", "2021-05-03T11:00:00Z"));
		lines.add(event("l2", "SENT", "2021-05-03T09:00:00Z"));
		lines.add(event("l2", "OPENED", "2021-05-04T08:00:00Z"));
		lines.add(event("l2", "OPENED", "2021-05-05T08:00:00Z"));
		lines.add(event("l2", "CLICKED", "2021-05-05T09:00:00Z"));
		lines.add(event("l2", "REPLIED", "2021-05-06T08:00:00Z"));
		lines.add(event("l3", "SENT", "2021-05-11T09:00:00Z"));
		lines.add(event("l3", "BOUNCED", "2021-05-11T09:05:00Z"));
		lines.add(event("l4", "SENT", "2021-05-21T09:00:00Z"));
		lines.add(event("l4", "OPENED", "2021-05-21T10:00:00Z"));
		lines.add(event("l4", "CLICKED", "2021-05-21T11:00:00Z"));
		lines.add(event("l4", "REPLIED", "2021-05-22T09:00:00Z"));
		lines.add(event("l5", "SENT", "2021-05-02T09:00:00Z"));
		lines.add(event("l5", "OPENED", "2021-05-02T10:00:00Z"));
		lines.add(event("l5", "CLICKED", "2021-06-01T00:00:00Z")); // at `to`: out
		lines.add(event("l6", "SENT", "2021-05-30T12:00:00Z"));
		// the mailing list: before May 5 subscribed − 1 unsubscribed = 4 (a re-subscriber would count twice); in May 3 − 1 = +2
		lines.add(subscription("a", "SUBSCRIBED", "2021-01-10T00:00:00Z"));
		lines.add(subscription("b", "SUBSCRIBED", "2021-02-10T00:00:00Z"));
		lines.add(subscription("c", "SUBSCRIBED", "2021-03-10T00:00:00Z"));
		lines.add(subscription("d", "SUBSCRIBED", "2021-03-15T00:00:00Z"));
		lines.add(subscription("e", "SUBSCRIBED", "2021-04-15T00:00:00Z"));
		lines.add(subscription("a", "UNSUBSCRIBED", "2021-04-01T00:00:00Z"));
		lines.add(subscription("f", "SUBSCRIBED", "2021-05-05T00:00:00Z"));
		lines.add(subscription("g", "SUBSCRIBED", "2021-05-06T00:00:00Z"));
		lines.add(subscription("h", "SUBSCRIBED", "2021-05-31T23:59:59Z"));
		lines.add(subscription("b", "UNSUBSCRIBED", "2021-05-20T00:00:00Z"));
		lines.add(subscription("i", "SUBSCRIBED", "2021-06-01T00:00:00Z")); // at `to`: out
		data.importLines(marketing, "marketing", lines);
	}

	/**
	 * Accounts A0…A9 (A6 comes from the lead conversion) and their deals. Stages: Q = QUALIFICATION, NA =
	 * NEEDS_ANALYSIS, P = PROPOSAL, N = NEGOTIATION.
	 */
	static void loadSales() {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String account : List.of("a0", "a1", "a2", "a3", "a4", "a5", "a7", "a8", "a9")) {
			lines.add(line("account", "name", "Account " + account.toUpperCase(), "industry", "Software", "region",
					"EMEA", "segment", "SMB", "ownerId", "alice", "team", "emea", "externalId", X + account,
					"createdAt", "2019-01-01T00:00:00Z"));
		}
		// customers long before: A0 since 2019-03-01, A9 since 2019-06-01, A4 since 2020-03-01 (churns 2021-02-01)
		lines.add(deal("d0", "a0", "NEW_BUSINESS", "700.00", "emea", null, "2019-02-01T00:00:00Z", List.of(),
				"2019-03-01T00:00:00Z", null, null));
		lines.add(deal("d15", "a9", "NEW_BUSINESS", "600.00", "emea", null, "2019-05-01T00:00:00Z", List.of(),
				"2019-06-01T00:00:00Z", null, null));
		lines.add(deal("d6", "a4", "NEW_BUSINESS", "800.00", "emea", null, "2020-02-01T00:00:00Z", List.of(),
				"2020-03-01T00:00:00Z", null, null));
		// in the trailing year: A1 since 2020-09-10, A2 since 2020-11-05 (churns in May)
		lines.add(deal("d1", "a1", "NEW_BUSINESS", "1000.00", "emea", null, "2020-09-01T00:00:00Z", List.of(),
				"2020-09-10T00:00:00Z", null, null));
		lines.add(deal("d3", "a2", "NEW_BUSINESS", "2000.00", "emea", null, "2020-10-20T00:00:00Z", List.of(),
				"2020-11-05T00:00:00Z", null, null));
		// the previous period [03-31, 05-01): A3 becomes a customer (1500 won 04-10); a loss on 04-15
		lines.add(deal("d4", "a3", "NEW_BUSINESS", "1500.00", "emea", null, "2021-04-01T00:00:00Z", List.of(),
				"2021-04-10T00:00:00Z", null, null));
		lines.add(deal("d13", "a7", "NEW_BUSINESS", "700.00", "emea", null, "2021-04-01T00:00:00Z", List.of(),
				null, "2021-04-15T00:00:00Z", "PRICE"));
		// open since April, still in Q at `to`
		lines.add(deal("d11", "a8", "NEW_BUSINESS", "1000.00", "emea", null, "2021-04-20T00:00:00Z", List.of(),
				null, null, null));
		// May: D2 upsell of A1 (Q 04-26, P 05-04, won 05-10)
		lines.add(deal("d2", "a1", "UPSELL", "500.00", "emea", null, "2021-04-26T00:00:00Z",
				List.of(stage("QUALIFICATION", "2021-04-26T00:00:00Z"), stage("PROPOSAL", "2021-05-04T00:00:00Z")),
				"2021-05-10T00:00:00Z", null, null));
		// D5 cross-sell of A3 from campaign C2 (Q 05-05, won 05-15)
		lines.add(deal("d5", "a3", "CROSS_SELL", "300.00", "emea", data.id(X + "c2"), "2021-05-05T00:00:00Z",
				List.of(), "2021-05-15T00:00:00Z", null, null));
		// D7 first deal of A5 from campaign C1, no lead (Q 05-03, N 05-07, won 05-13)
		lines.add(deal("d7", "a5", "NEW_BUSINESS", "1200.00", "amer", data.id(X + "c1"), "2021-05-03T00:00:00Z",
				List.of(stage("QUALIFICATION", "2021-05-03T00:00:00Z"), stage("NEGOTIATION", "2021-05-07T00:00:00Z")),
				"2021-05-13T00:00:00Z", null, null));
		// D9 lost (Q 05-02, NA 05-06, lost 05-20 PRICE); D14 lost (NA 05-11, lost 05-25 TIMING)
		lines.add(deal("d9", "a7", "NEW_BUSINESS", "900.00", "amer", null, "2021-05-02T00:00:00Z",
				List.of(stage("QUALIFICATION", "2021-05-02T00:00:00Z"),
						stage("NEEDS_ANALYSIS", "2021-05-06T00:00:00Z")),
				null, "2021-05-20T00:00:00Z", "PRICE"));
		Map<String, Object> d14 = deal("d14", "a7", "NEW_BUSINESS", "600.00", "amer", null, "2021-05-11T00:00:00Z",
				List.of(), null, "2021-05-25T00:00:00Z", "TIMING");
		d14.put("stage", "NEEDS_ANALYSIS");
		lines.add(d14);
		// D10 open at `to` in P (Q 05-05, NA 05-10, P 05-25)
		lines.add(deal("d10", "a7", "NEW_BUSINESS", "2000.00", "emea", null, "2021-05-05T00:00:00Z",
				List.of(stage("QUALIFICATION", "2021-05-05T00:00:00Z"),
						stage("NEEDS_ANALYSIS", "2021-05-10T00:00:00Z"), stage("PROPOSAL", "2021-05-25T00:00:00Z")),
				null, null, null));
		// D12 open at `to` in N (entered 05-28), won only on 06-03
		Map<String, Object> d12 = deal("d12", "a8", "NEW_BUSINESS", "400.00", "emea", null, "2021-05-28T00:00:00Z",
				List.of(), "2021-06-03T00:00:00Z", null, null);
		d12.put("stage", "NEGOTIATION");
		lines.add(d12);
		lines.add(line("churn", "accountExternalId", X + "a4", "reason", "budget", "at", "2021-02-01T00:00:00Z"));
		lines.add(line("churn", "accountExternalId", X + "a2", "reason", "moved to a competitor", "at",
				"2021-05-20T00:00:00Z"));
		data.importLines(sales, "sales", lines);
	}

	/** L1 (created 05-02) converts on 05-08: A6 and D8 in Q; D8 moves to P on 05-12 and is won on 05-18 12:00. */
	static void convertLeadAndWinItsDeal() {
		Api.Response converted = marketing.post("/api/marketing/leads/" + data.id(X + "l1") + "/convert",
				object("dealName", "Hazel first order", "amount", usd("900.00"), "ownerId", "bob", "team", "amer", "at",
						"2021-05-08T00:00:00Z"));
		assertThat(converted.status()).as(converted.text()).isEqualTo(200);
		String deal = converted.json().get("dealId").asString();
		data.remember(X + "a6", converted.json().get("accountId").asString());
		data.remember(X + "d8", deal);
		Api.Response created = sales.get("/api/sales/deals/" + deal);
		assertThat(created.json().get("stage").asString()).isEqualTo("QUALIFICATION");
		assertThat(created.json().get("campaignId").asString()).isEqualTo(data.id(X + "c1"));
		assertThat(created.json().get("leadCreatedAt").asString()).isEqualTo("2021-05-02T00:00:00Z");
		Api.Response moved = sales.post("/api/sales/deals/" + deal + "/stage",
				object("stage", "PROPOSAL", "at", "2021-05-12T00:00:00Z"));
		assertThat(moved.status()).as(moved.text()).isEqualTo(200);
		Api.Response won = sales.post("/api/sales/deals/" + deal + "/win", object("at", "2021-05-18T12:00:00Z"));
		assertThat(won.status()).as(won.text()).isEqualTo(200);
	}

	/**
	 * Tickets (default SLA: URGENT 1h/4h, HIGH 4h/24h, NORMAL 8h/72h, LOW 24h/168h) and survey answers.
	 */
	static void loadSupport() {
		List<Map<String, Object>> lines = new ArrayList<>();
		lines.add(ticket("t1", "a1", "NORMAL", "2021-05-03T00:00:00Z", reply("2021-05-03T02:00:00Z", true),
				step("RESOLVE", "2021-05-04T00:00:00Z")));
		lines.add(ticket("t2", "a3", "HIGH", "2021-05-10T00:00:00Z", reply("2021-05-10T06:00:00Z", true),
				step("RESOLVE", "2021-05-12T00:00:00Z")));
		lines.add(ticket("t3", "a5", "URGENT", "2021-05-20T00:00:00Z", reply("2021-05-20T00:10:00Z", false),
				reply("2021-05-20T00:30:00Z", true), step("RESOLVE", "2021-05-20T03:00:00Z"),
				step("REOPEN", "2021-05-21T00:00:00Z"), step("RESOLVE", "2021-05-22T00:00:00Z"),
				step("CLOSE", "2021-05-23T00:00:00Z")));
		lines.add(ticket("t4", "a1", "LOW", "2021-05-25T00:00:00Z"));
		lines.add(ticket("t5", "a3", "NORMAL", "2021-04-28T00:00:00Z", reply("2021-04-28T04:00:00Z", true),
				step("RESOLVE", "2021-05-02T00:00:00Z")));
		lines.add(ticket("t6", "a1", "NORMAL", "2021-05-29T00:00:00Z", reply("2021-05-29T01:00:00Z", true),
				step("RESOLVE", "2021-06-02T00:00:00Z")));
		lines.add(ticket("t7", "a3", "HIGH", "2021-04-25T00:00:00Z", step("RESOLVE", "2021-04-26T00:00:00Z"),
				step("REOPEN", "2021-05-30T00:00:00Z")));
		lines.add(ticket("t8", "a1", "NORMAL", "2021-04-10T00:00:00Z", reply("2021-04-10T01:00:00Z", true),
				step("RESOLVE", "2021-04-11T00:00:00Z"), step("CLOSE", "2021-04-12T00:00:00Z")));
		// NPS in May: 10, 10, 9, 7, 3; out: 0 a second before May and 0 at `to`
		lines.add(survey("s1", "NPS", "a1", 10, null, "SEMINAR", "2021-05-05T00:00:00Z"));
		lines.add(survey("s2", "NPS", "a3", 10, null, null, "2021-05-06T00:00:00Z"));
		lines.add(survey("s3", "NPS", "a5", 9, null, "SEMINAR", "2021-05-14T00:00:00Z"));
		lines.add(survey("s4", "NPS", "a1", 7, null, null, "2021-05-15T00:00:00Z"));
		lines.add(survey("s5", "NPS", "a3", 3, null, "SEARCH_ADS", "2021-05-16T00:00:00Z"));
		lines.add(survey("s6", "NPS", "a1", 0, null, "TV", "2021-04-30T23:59:59Z"));
		lines.add(survey("s7", "NPS", "a1", 0, null, null, "2021-06-01T00:00:00Z"));
		// CSAT in May: 5, 4, 4, 2
		lines.add(survey("s8", "CSAT", "a1", 5, "t1", null, "2021-05-04T01:00:00Z"));
		lines.add(survey("s9", "CSAT", "a3", 4, "t2", null, "2021-05-12T01:00:00Z"));
		lines.add(survey("s10", "CSAT", "a5", 4, null, null, "2021-05-22T01:00:00Z"));
		lines.add(survey("s11", "CSAT", "a3", 2, null, null, "2021-05-31T23:00:00Z"));
		data.importLines(support, "support", lines);
	}

	// ------------------------------------------------------------------ the test

	@Test
	void everyKpiOfTheCatalogueEqualsItsHandComputedValue() {
		JsonNode snapshot = get("/api/kpis?" + period());
		softly.assertThat(snapshot.get("sources").toString()).contains("\"sales\":\"UP\"", "\"marketing\":\"UP\"",
				"\"support\":\"UP\"");

		salesKpis(snapshot);
		marketingKpis(snapshot);
		supportAndRetentionKpis(snapshot);
		wholeCrmKpis(snapshot);

		Set<String> catalogue = new TreeSet<>();
		get("/api/kpis/catalog").forEach((entry) -> catalogue.add(entry.get("key").asString()));
		Set<String> snapshotKeys = new TreeSet<>();
		snapshot.get("kpis").forEach((kpi) -> snapshotKeys.add(kpi.get("key").asString()));
		softly.assertThat(snapshotKeys).as("GET /api/kpis gives every catalogue key").isEqualTo(catalogue);
		softly.assertThat(this.asserted).as("a hand-computed assertion for every catalogue key").isEqualTo(catalogue);
		this.softly.assertAll();
	}

	void salesKpis(JsonNode snapshot) {
		// won in May: D2 500 (A1), D5 300 (A3), D7 1200 (A5), D8 900 (A6); D12 is won only on 06-03
		expect(snapshot, "sales.deals_won", "4");
		// lost in May: D9 (PRICE), D14 (TIMING); D13 was lost in April
		expect(snapshot, "sales.deals_lost", "2");
		JsonNode byReason = groups("sales.deals_lost", "lossReason");
		expectGroup(byReason, "sales.deals_lost", "lossReason", "PRICE", q(1, 1));
		expectGroup(byReason, "sales.deals_lost", "lossReason", "TIMING", q(1, 1));
		// won 4, lost 2 → 4/6
		expect(snapshot, "sales.win_rate", q(4, 6));
		// by team (the deal's team): emea won D2, D5, lost none → 2/2; amer won D7, D8, lost D9, D14 → 2/4
		JsonNode byTeam = groups("sales.win_rate", "team");
		expectGroup(byTeam, "sales.win_rate", "team", "emea", q(2, 2));
		expectGroup(byTeam, "sales.win_rate", "team", "amer", q(2, 4));
		// 500 + 300 + 1200 + 900 = 2900
		expect(snapshot, "sales.revenue", "2900");
		// previous period [03-31, 05-01): D4 1500 → (2900 − 1500) ÷ 1500 = 14/15
		expect(snapshot, "sales.revenue_growth", q(1400, 1500));
		// 2900 ÷ 4 = 725
		expect(snapshot, "sales.average_deal_value", "725");
		// upsell/cross-sell accounts won in May: A1 (D2), A3 (D5) = 2; customers active at 05-01: A0 (2019-03-01),
		// A9 (2019-06-01), A1 (2020-09-10), A2 (2020-11-05, churns 05-20), A3 (2021-04-10); A4 churned 02-01 → 5
		expect(snapshot, "sales.upsell_rate", q(2, 5));
		// D2 04-26 → 05-10 = 14 d, D5 05-05 → 05-15 = 10, D7 05-03 → 05-13 = 10, D8 05-08 → 05-18 12:00 = 10.5
		// → 44.5 ÷ 4 = 11.125
		expect(snapshot, "sales.cycle_length_days", "11.125");
		// only D8 came from a lead: L1 created 05-02 → won 05-18 12:00 = 16.5 d
		expect(snapshot, "sales.lead_to_customer_days", "16.5");

		// stage visits ended in May:
		// Q: D2 04-26→05-04 8, D5 05-05→05-15 10, D7 05-03→05-07 4, D8 05-08→05-12 4, D9 05-02→05-06 4,
		// D10 05-05→05-10 5 → 35 ÷ 6; NA: D9 05-06→05-20 14, D14 05-11→05-25 14, D10 05-10→05-25 15 → 43 ÷ 3;
		// P: D2 05-04→05-10 6, D8 05-12→05-18 12:00 6.5 → 12.5 ÷ 2 = 6.25; N: D7 05-07→05-13 6 → 6 ÷ 1.
		// Not ended in May: D11 Q (open), D10 P (open), D12 N (ends 06-03). Bottleneck: NA (14.33).
		// Overall: (35 + 43 + 12.5 + 6) ÷ 12 = 96.5 ÷ 12
		expect(snapshot, "sales.stage_duration_days", q("96.5", "12"));
		softly.assertThat(kpi(snapshot, "sales.stage_duration_days").get("components").get("bottleneck").asString())
			.isEqualTo("NEEDS_ANALYSIS");
		JsonNode durations = groups("sales.stage_duration_days", "stage");
		expectGroup(durations, "sales.stage_duration_days", "stage", "QUALIFICATION", q(35, 6));
		expectGroup(durations, "sales.stage_duration_days", "stage", "NEEDS_ANALYSIS", q(43, 3));
		expectGroup(durations, "sales.stage_duration_days", "stage", "PROPOSAL", q("12.5", "2"));
		expectGroup(durations, "sales.stage_duration_days", "stage", "NEGOTIATION", q(6, 1));
		for (String stage : List.of("QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION")) {
			softly.assertThat(group(durations, "stage", stage).path("components").path("bottleneck").asBoolean())
				.as("bottleneck flag of " + stage)
				.isEqualTo(stage.equals("NEEDS_ANALYSIS"));
		}

		// closed in May and the stages each entered: D2 Q,P won; D5 Q won; D7 Q,N won; D8 Q,P won; D9 Q,NA lost;
		// D14 NA lost. Q 4 won of 5; NA 0 of 2; P 2 of 2; N 1 of 1. Overall won ÷ closed = 4/6
		expect(snapshot, "sales.stage_win_probability", q(4, 6));
		JsonNode probabilities = groups("sales.stage_win_probability", "stage");
		expectGroup(probabilities, "sales.stage_win_probability", "stage", "QUALIFICATION", q(4, 5));
		expectGroup(probabilities, "sales.stage_win_probability", "stage", "NEEDS_ANALYSIS", q(0, 2));
		expectGroup(probabilities, "sales.stage_win_probability", "stage", "PROPOSAL", q(2, 2));
		expectGroup(probabilities, "sales.stage_win_probability", "stage", "NEGOTIATION", q(1, 1));
		softly.assertThat(group(probabilities, "stage", "PROPOSAL").path("components").path("configuredProbability")
			.decimalValue()).isEqualByComparingTo("0.5");

		// open at 06-01: D10 2000 (P), D11 1000 (Q), D12 400 (N, won only 06-03) → 3400
		expect(snapshot, "sales.pipeline_value", "3400");
		JsonNode pipeline = groups("sales.pipeline_value", "stage");
		expectGroup(pipeline, "sales.pipeline_value", "stage", "QUALIFICATION", q(1000, 1));
		expectGroup(pipeline, "sales.pipeline_value", "stage", "NEEDS_ANALYSIS", q(0, 1));
		expectGroup(pipeline, "sales.pipeline_value", "stage", "PROPOSAL", q(2000, 1));
		expectGroup(pipeline, "sales.pipeline_value", "stage", "NEGOTIATION", q(400, 1));
		// 2000 × 0.50 + 1000 × 0.10 + 400 × 0.75 = 1000 + 100 + 300 = 1400
		expect(snapshot, "sales.weighted_pipeline", "1400");

		// leads first contacted in May: L1 6 h, L2 12 h, L3 24 h, L5 (created 04-28) 72 h; L6's contact is at `to`
		// → 114 ÷ 4 = 28.5
		expect(snapshot, "sales.lead_response_hours", "28.5");
	}

	void marketingKpis(JsonNode snapshot) {
		// created in May: L1, L2, L3, L4, L6 (L5 was created 04-28)
		expect(snapshot, "marketing.new_leads", "5");
		// created and converted in May: L1 → 1/5
		expect(snapshot, "marketing.lead_conversion_rate", q(1, 5));
		// 300 + 100 + 250 + 50 = 700
		expect(snapshot, "marketing.spend", "700");
		// customerSince in May: A5 (05-13), A6 (05-18 12:00); A3 became one on 04-10, A8 only on 06-03
		expect(snapshot, "marketing.new_customers", "2");
		// (700 + 0 sales cost) ÷ 2 = 350
		expect(snapshot, "marketing.cac", "350");
		// won in May by A5 and A6: D7 1200 + D8 900 = 2100 ÷ 2 = 1050
		expect(snapshot, "marketing.acquired_customer_value", "1050");
		// ARPA = 2900 ÷ 4 accounts (A1, A3, A5, A6) ÷ (31 ÷ 30.436875) months; CAC ÷ (ARPA × 1.0)
		// = 350 × 31 ÷ (725 × 30.436875)
		expect(snapshot, "marketing.cac_payback_months", q(new BigDecimal(350 * 31),
				new BigDecimal("725").multiply(new BigDecimal("30.436875"))));
		// trailing year [2020-06-01, 2021-06-01): won D1 1000, D3 2000, D4 1500, D2 500, D5 300, D7 1200, D8 900
		// = 7400 over 7 deals by 5 accounts (A1, A2, A3, A5, A6); active at 2020-06-01: A0, A9, A4 = 3; churned in
		// the year: A4 (2021-02-01), A2 (2021-05-20) = 2 → churn 2/3, lifespan 3/2 years.
		// CLV = 7400/7 × 7/5 × 3/2 = 2220
		expect(snapshot, "marketing.clv", "2220");
		JsonNode clv = kpi(snapshot, "marketing.clv").get("components");
		expectNumber("marketing.clv averagePurchaseValue", clv.get("averagePurchaseValue"), q(7400, 7));
		expectNumber("marketing.clv purchaseFrequency", clv.get("purchaseFrequency"), q(7, 5));
		expectNumber("marketing.clv lifespanYears", clv.get("lifespanYears"), q(3, 2));
		expectNumber("marketing.clv annualChurnRate", clv.get("annualChurnRate"), q(2, 3));
		// won in May with a campaign: D7 C1 1200, D8 C1 (L1's campaign) 900, D5 C2 300 → 2400
		expect(snapshot, "marketing.campaign_revenue", "2400");
		JsonNode revenueByCampaign = groups("marketing.campaign_revenue", "campaign");
		expectGroup(revenueByCampaign, "marketing.campaign_revenue", "campaign", data.id(X + "c1"), q(2100, 1));
		expectGroup(revenueByCampaign, "marketing.campaign_revenue", "campaign", data.id(X + "c2"), q(300, 1));
		// (2400 − 700) ÷ 700 = 17/7
		expect(snapshot, "marketing.campaign_roi", q(1700, 700));
		JsonNode roiByCampaign = groups("marketing.campaign_roi", "campaign");
		// C1 (2100 − 400) ÷ 400 = 4.25; C2 (300 − 250) ÷ 250 = 0.2; C3 (0 − 50) ÷ 50 = −1
		expectGroup(roiByCampaign, "marketing.campaign_roi", "campaign", data.id(X + "c1"), q(1700, 400));
		expectGroup(roiByCampaign, "marketing.campaign_roi", "campaign", data.id(X + "c2"), q(50, 250));
		expectGroup(roiByCampaign, "marketing.campaign_roi", "campaign", data.id(X + "c3"), q(-50, 50));
		// deals without a campaign (D2, D4 …) have no spend: 0 ÷ 0
		expectGroup(roiByCampaign, "marketing.campaign_roi", "campaign", "NONE", null);

		// C3 pairs with events in May: SENT L1, L2, L3, L4, L5, L6; BOUNCED L3 → delivered 5
		// OPENED L1, L2 (twice), L4, L5 = 4 (L5's click is at `to`) → 4/5
		expect(snapshot, "marketing.email_open_rate", q(4, 5));
		// CLICKED L1, L2, L4 → 3/5
		expect(snapshot, "marketing.email_click_rate", q(3, 5));
		// REPLIED L2, L4 → 2/5
		expect(snapshot, "marketing.email_response_rate", q(2, 5));
		// delivered pairs whose lead converted in May: L1 → 1/5
		expect(snapshot, "marketing.email_conversion_rate", q(1, 5));
		// list at 05-01: 5 subscribed − 1 unsubscribed = 4; May: 3 − 1 = 2 → 2/4
		expect(snapshot, "marketing.list_growth_rate", q(2, 4));

		// the channel-effectiveness table (groupBy=channel)
		JsonNode leadsByChannel = groups("marketing.new_leads", "channel");
		// the lead's own channel: SEMINAR L1, L2; SEARCH_ADS L3, L4; TRADE_SHOW L6
		expectGroup(leadsByChannel, "marketing.new_leads", "channel", "SEMINAR", q(2, 1));
		expectGroup(leadsByChannel, "marketing.new_leads", "channel", "SEARCH_ADS", q(2, 1));
		expectGroup(leadsByChannel, "marketing.new_leads", "channel", "TRADE_SHOW", q(1, 1));
		JsonNode conversionByChannel = groups("marketing.lead_conversion_rate", "channel");
		expectGroup(conversionByChannel, "marketing.lead_conversion_rate", "channel", "SEMINAR", q(1, 2));
		expectGroup(conversionByChannel, "marketing.lead_conversion_rate", "channel", "SEARCH_ADS", q(0, 2));
		JsonNode spendByChannel = groups("marketing.spend", "channel");
		// the campaign's channel: SEMINAR C1 400, SEARCH_ADS C2 250, EMAIL C3 50
		expectGroup(spendByChannel, "marketing.spend", "channel", "SEMINAR", q(400, 1));
		expectGroup(spendByChannel, "marketing.spend", "channel", "SEARCH_ADS", q(250, 1));
		expectGroup(spendByChannel, "marketing.spend", "channel", "EMAIL", q(50, 1));
		JsonNode revenueByChannel = groups("marketing.campaign_revenue", "channel");
		expectGroup(revenueByChannel, "marketing.campaign_revenue", "channel", "SEMINAR", q(2100, 1));
		expectGroup(revenueByChannel, "marketing.campaign_revenue", "channel", "SEARCH_ADS", q(300, 1));
		// new customers per channel: the campaign of the deal whose win made the account a customer: A5 by D7
		// (C1), A6 by D8 (C1) → SEMINAR 2, SEARCH_ADS 0 → CAC SEMINAR 400 ÷ 2 = 200, SEARCH_ADS 250 ÷ 0
		JsonNode cacByChannel = groups("marketing.cac", "channel");
		expectGroup(cacByChannel, "marketing.cac", "channel", "SEMINAR", q(400, 2));
		expectGroup(cacByChannel, "marketing.cac", "channel", "SEARCH_ADS", null);
	}

	void supportAndRetentionKpis(JsonNode snapshot) {
		// promoters 10, 10, 9 = 3; passive 7; detractor 3 → 100 × (3 − 1) ÷ 5 = 40
		expect(snapshot, "support.nps", "40");
		// 5, 4, 4 of 5, 4, 4, 2 → 3/4
		expect(snapshot, "support.csat", q(3, 4));
		// first public reply in May: T1 2 h, T2 6 h, T3 0.5 h (the 00:10 note is internal), T6 1 h; T5's was in
		// April → 9.5 ÷ 4 = 2.375
		expect(snapshot, "support.first_response_hours", "2.375");
		// first resolved in May: T1 24 h, T2 48 h, T3 3 h (its second resolve does not count), T5 04-28 → 05-02
		// 96 h; T6 resolves 06-02 → 171 ÷ 4 = 42.75
		expect(snapshot, "support.resolution_hours", "42.75");
		// by the deadline: T1 24 ≤ 72 yes, T2 48 > 24 no, T3 3 ≤ 4 yes, T5 96 > 72 no → 2/4
		expect(snapshot, "support.sla_compliance", q(2, 4));
		// created in May: T1, T2, T3, T4, T6
		expect(snapshot, "support.tickets_opened", "5");
		// open at 06-01: T4 (never resolved), T6 (resolved 06-02), T7 (reopened 05-30); T1, T2, T3, T5, T8 resolved
		expect(snapshot, "support.backlog", "3");
		// churned in May: A2 ÷ 5 active at 05-01
		expect(snapshot, "customer.churn_rate", q(1, 5));
		// active at 06-01: A0, A9, A1, A3, A5, A6 = 6; of them new in May: A5, A6 → (6 − 2) ÷ 5
		expect(snapshot, "customer.retention_rate", q(4, 5));
		// heard from in May: SEMINAR (s1, s3), SEARCH_ADS (s5); TV was a second before May → 3
		expect(snapshot, "customer.heard_from", "3");
		JsonNode heardFrom = groups("customer.heard_from", "channel");
		expectGroup(heardFrom, "customer.heard_from", "channel", "SEMINAR", q(2, 1));
		expectGroup(heardFrom, "customer.heard_from", "channel", "SEARCH_ADS", q(1, 1));
		softly.assertThat(heardFrom).as("customer.heard_from groups").hasSize(2);
	}

	void wholeCrmKpis(JsonNode snapshot) {
		// crm.kpi.roi.monthly-cost is not configured on the platform: no value
		expect(snapshot, "crm.roi", (BigDecimal) null);
	}

	// ------------------------------------------------------------------ assertions

	void expect(JsonNode snapshot, String key, String expected) {
		expect(snapshot, key, new BigDecimal(expected));
	}

	/** The KPI's value equals {@code expected} (to 12 significant digits) with status OK, or is null and NO_DATA. */
	void expect(JsonNode snapshot, String key, BigDecimal expected) {
		this.asserted.add(key);
		JsonNode kpi = kpi(snapshot, key);
		if (kpi == null) {
			softly.fail(key + " is missing from GET /api/kpis");
			return;
		}
		expectValue(key, kpi, expected);
	}

	void expectGroup(JsonNode groups, String key, String dimension, String value, BigDecimal expected) {
		JsonNode group = group(groups, dimension, value);
		if (group == null) {
			softly.fail(key + " has no group " + dimension + "=" + value + " in " + groups);
			return;
		}
		expectValue(key + "[" + dimension + "=" + value + "]", group, expected);
	}

	void expectValue(String what, JsonNode node, BigDecimal expected) {
		JsonNode value = node.get("value");
		String status = node.get("status").asString();
		if (expected == null) {
			softly.assertThat(value == null || value.isNull()).as(what + " value is null, was " + node).isTrue();
			softly.assertThat(status).as(what + " status").isEqualTo("NO_DATA");
			return;
		}
		softly.assertThat(status).as(what + " status (" + node + ")").isEqualTo("OK");
		expectNumber(what, value, expected);
	}

	void expectNumber(String what, JsonNode value, BigDecimal expected) {
		if (value == null || value.isNull()) {
			softly.fail(what + " is null, expected " + expected);
			return;
		}
		BigDecimal actual = value.decimalValue();
		BigDecimal tolerance = expected.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-12"));
		softly.assertThat(actual.subtract(expected).abs())
			.as(what + " = " + actual + ", expected " + expected.round(MathContext.DECIMAL64))
			.isLessThanOrEqualTo(tolerance);
	}

	static BigDecimal q(long numerator, long denominator) {
		return q(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
	}

	static BigDecimal q(String numerator, String denominator) {
		return q(new BigDecimal(numerator), new BigDecimal(denominator));
	}

	static BigDecimal q(BigDecimal numerator, BigDecimal denominator) {
		return numerator.divide(denominator, MathContext.DECIMAL128);
	}

	// ------------------------------------------------------------------ reading the API

	static String period() {
		return "from=" + FROM + "&to=" + TO;
	}

	static JsonNode get(String path) {
		Api.Response response = manager.get(path);
		assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
		return response.json();
	}

	/** {@code GET /api/kpis/{key}?groupBy=}: the groups. */
	JsonNode groups(String key, String groupBy) {
		JsonNode breakdown = get("/api/kpis/" + key + "?" + period() + "&groupBy=" + groupBy);
		return breakdown.get("groups");
	}

	static JsonNode kpi(JsonNode snapshot, String key) {
		for (JsonNode kpi : snapshot.get("kpis")) {
			if (kpi.get("key").asString().equals(key)) {
				return kpi;
			}
		}
		return null;
	}

	static JsonNode group(JsonNode groups, String dimension, String value) {
		for (JsonNode group : groups) {
			if (value.equals(group.path("group").path(dimension).asString(null))) {
				return group;
			}
		}
		return null;
	}

	// ------------------------------------------------------------------ record builders

	static Map<String, Object> campaign(String id, String name, String channel) {
		return line("campaign", "name", name, "channel", channel, "budget", usd("5000.00"), "startDate", "2021-04-01",
				"externalId", X + id, "createdAt", "2021-03-01T00:00:00Z");
	}

	static int spendEntries;

	static Map<String, Object> spend(String campaign, String amount, String date) {
		return line("spend", "campaignExternalId", X + campaign, "amount", usd(amount), "date", date, "externalId",
				X + "spend-" + (++spendEntries));
	}

	static Map<String, Object> lead(String id, String channel, String campaign, String createdAt, String contactedAt,
			String qualifiedAt) {
		return line("lead", "name", "Lead " + id.toUpperCase(), "email", id + "@" + X + "example.com", "company",
				"Company of " + id.toUpperCase(), "industry", "Software", "region", "EMEA", "segment", "SMB", "role",
				"CTO", "channel", channel, "campaignExternalId", (campaign == null) ? null : X + campaign, "ownerId",
				"alice", "externalId", X + id, "createdAt", createdAt, "contactedAt", contactedAt, "qualifiedAt",
				qualifiedAt);
	}

	static Map<String, Object> event(String lead, String type, String at) {
		return line("event", "campaignExternalId", X + "c3", "leadExternalId", X + lead, "event", type, "at", at);
	}

	static Map<String, Object> subscription(String who, String action, String at) {
		return line("subscription", "email", who + "@" + X + "example.com", "action", action, "at", at);
	}

	static Map<String, Object> deal(String id, String account, String type, String amount, String team,
			String campaignId, String createdAt, List<Map<String, Object>> stages, String wonAt, String lostAt,
			String lossReason) {
		return line("deal", "accountExternalId", X + account, "name", "Deal " + id.toUpperCase(), "ownerId", "alice",
				"team", team, "amount", usd(amount), "dealType", type, "campaignId", campaignId, "externalId", X + id,
				"createdAt", createdAt, "stageHistory", stages.isEmpty() ? null : stages, "wonAt", wonAt, "lostAt",
				lostAt, "lossReason", lossReason);
	}

	static Map<String, Object> stage(String stage, String enteredAt) {
		return object("stage", stage, "enteredAt", enteredAt);
	}

	@SafeVarargs
	static Map<String, Object> ticket(String id, String account, String priority, String createdAt,
			Map<String, Object>... history) {
		return line("ticket", "accountId", data.id(X + account), "subject", "Ticket " + id.toUpperCase(), "priority",
				priority, "channel", "email", "externalId", X + id, "createdAt", createdAt, "history",
				List.of(history));
	}

	static Map<String, Object> reply(String at, boolean isPublic) {
		return object("action", "REPLY", "at", at, "agentId", "agent-1", "public", isPublic);
	}

	static Map<String, Object> step(String action, String at) {
		return object("action", action, "at", at);
	}

	static Map<String, Object> survey(String id, String type, String account, int score, String ticket,
			String heardFrom, String respondedAt) {
		return line("survey", "surveyType", type, "accountId", data.id(X + account), "score", score,
				"ticketExternalId", (ticket == null) ? null : X + ticket, "heardFrom", heardFrom, "respondedAt",
				respondedAt, "externalId", X + id);
	}
}
