package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import dev.pulsecrm.sales.SalesServiceTest;
import dev.pulsecrm.sales.account.Account;
import dev.pulsecrm.sales.account.AcquiringDealBackfill;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every sales fact on hand-computed data for the period [2010-01-01, 2010-02-01), through the real gRPC endpoint.
 * Day lengths below are 86 400 000 ms. The data (D = deal, A = account):
 *
 * <pre>
 * A1 ann/east  EMEA SMB Software   A2 bob/west APAC ENT Retail   A3 ann/east EMEA ENT Software
 * A4 cat/west  AMER SMB Retail     A5 dan/east EMEA SMB Retail   A6 dan/east EMEA SMB Software
 *
 * D1  A1 ann/east 1000 USD NEW c1 lead 12-01: created 12-20 Q, PROPOSAL 12-30, won 01-01 00:00 (= from)
 * D2  A1 ann/east  500 USD UPSELL:          created 01-05 Q, won 01-10
 * D3  A2 bob/west 2000 EUR NEW c1:          created 11-01 Q, NEEDS_ANALYSIS 12-01, won 02-01 00:00 (= to)
 * D4  A3 ann/east  300 USD CROSS_SELL c2:   created 12-01 Q, PROPOSAL 01-02, NEGOTIATION 01-12, lost 01-15 price
 * D5  A3 ann/east  700 USD NEW:             created 2009-05-01, won 2009-06-01
 * D6  A4 cat/west  400 USD RENEWAL c2:      created 01-20 Q, PROPOSAL 01-25, Q again 01-28, open
 * D7  A4 cat/west  800 USD NEW:             created 01-10 Q, NEGOTIATION 02-10, lost 02-15 timing
 * D8  A2 bob/west  100 USD NEW:             created 02-01 00:00 (= to), open
 * D9  A4 cat/west  250 USD NEW:             created 12-15 Q, lost 01-01 00:00 (= from) budget
 * D11 A2 bob/west 50.25 EUR NEW c1:         created 01-03 Q, won 01-04
 * D12 A5 dan/east   10 USD NEW:             created 2009-01-01, won 2009-02-01; A5 churns 02-01 00:00 (= to)
 * D13 A6 dan/east   10 USD NEW:             created 2009-01-01, won 2009-03-01; A6 churns 01-01 00:00 (= from)
 * A3 churns 01-20.
 * </pre>
 *
 * The split of new customers by the campaign that acquired them has scenarios of its own, one month of 2011 each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesFactsTest extends SalesServiceTest {

	static final long DAY = 86_400_000L;

	static final Instant FROM = Instant.parse("2010-01-01T00:00:00Z");

	static final Instant TO = Instant.parse("2010-02-01T00:00:00Z");

	@Autowired
	MongoTemplate mongo;

	@Autowired
	GrpcChannelFactory channels;

	@Autowired
	Rollups rollups;

	@Autowired
	AcquiringDealBackfill backfill;

	SalesFactsGrpc.SalesFactsBlockingStub facts;

	@BeforeAll
	void createTheHandComputedData() {
		for (String collection : List.of("deals", "accounts", "activities", "pipeline")) {
			this.mongo.remove(new Query(), collection);
		}
		this.facts = SalesFactsGrpc.newBlockingStub(this.channels.createChannel("in-process:sales-test"));
		String a1 = account("ann", "east", "EMEA", "SMB", "Software");
		String a2 = account("bob", "west", "APAC", "ENT", "Retail");
		String a3 = account("ann", "east", "EMEA", "ENT", "Software");
		String a4 = account("cat", "west", "AMER", "SMB", "Retail");
		String a5 = account("dan", "east", "EMEA", "SMB", "Retail");
		String a6 = account("dan", "east", "EMEA", "SMB", "Software");

		String d1 = deal(a1, "ann", "east", "1000.00", "USD", "NEW_BUSINESS", "c1", "2009-12-01T00:00:00Z",
				"2009-12-20T00:00:00Z");
		move(d1, "PROPOSAL", "2009-12-30T00:00:00Z");
		win(d1, "2010-01-01T00:00:00Z");
		String d2 = deal(a1, "ann", "east", "500.00", "USD", "UPSELL", null, null, "2010-01-05T00:00:00Z");
		win(d2, "2010-01-10T00:00:00Z");
		String d3 = deal(a2, "bob", "west", "2000.00", "EUR", "NEW_BUSINESS", "c1", null, "2009-11-01T00:00:00Z");
		move(d3, "NEEDS_ANALYSIS", "2009-12-01T00:00:00Z");
		win(d3, "2010-02-01T00:00:00Z");
		String d4 = deal(a3, "ann", "east", "300.00", "USD", "CROSS_SELL", "c2", null, "2009-12-01T00:00:00Z");
		move(d4, "PROPOSAL", "2010-01-02T00:00:00Z");
		move(d4, "NEGOTIATION", "2010-01-12T00:00:00Z");
		lose(d4, "price", "2010-01-15T00:00:00Z");
		String d5 = deal(a3, "ann", "east", "700.00", "USD", "NEW_BUSINESS", null, null, "2009-05-01T00:00:00Z");
		win(d5, "2009-06-01T00:00:00Z");
		String d6 = deal(a4, "cat", "west", "400.00", "USD", "RENEWAL", "c2", null, "2010-01-20T00:00:00Z");
		move(d6, "PROPOSAL", "2010-01-25T00:00:00Z");
		move(d6, "QUALIFICATION", "2010-01-28T00:00:00Z");
		String d7 = deal(a4, "cat", "west", "800.00", "USD", "NEW_BUSINESS", null, null, "2010-01-10T00:00:00Z");
		move(d7, "NEGOTIATION", "2010-02-10T00:00:00Z");
		lose(d7, "timing", "2010-02-15T00:00:00Z");
		deal(a2, "bob", "west", "100.00", "USD", "NEW_BUSINESS", null, null, "2010-02-01T00:00:00Z");
		String d9 = deal(a4, "cat", "west", "250.00", "USD", "NEW_BUSINESS", null, null, "2009-12-15T00:00:00Z");
		lose(d9, "budget", "2010-01-01T00:00:00Z");
		String d11 = deal(a2, "bob", "west", "50.25", "EUR", "NEW_BUSINESS", "c1", null, "2010-01-03T00:00:00Z");
		win(d11, "2010-01-04T00:00:00Z");
		String d12 = deal(a5, "dan", "east", "10.00", "USD", "NEW_BUSINESS", null, null, "2009-01-01T00:00:00Z");
		win(d12, "2009-02-01T00:00:00Z");
		String d13 = deal(a6, "dan", "east", "10.00", "USD", "NEW_BUSINESS", null, null, "2009-01-01T00:00:00Z");
		win(d13, "2009-03-01T00:00:00Z");
		churn(a5, "2010-02-01T00:00:00Z");
		churn(a6, "2010-01-01T00:00:00Z");
		churn(a3, "2010-01-20T00:00:00Z");
	}

	@Test
	void theTotalsGroupHoldsEveryFactWithPeriodEdges() {
		List<SalesGroupFacts> groups = facts("");
		assertThat(groups).hasSize(1);
		SalesGroupFacts totals = groups.get(0);
		assertThat(totals.getGroupMap()).isEmpty();
		// won in period: D1 (at from), D2, D11 — not D3 (at to)
		assertThat(totals.getDealsWon()).isEqualTo(3);
		assertThat(money(totals.getRevenue())).isEqualTo(Map.of("EUR", "50.25", "USD", "1500.00"));
		assertThat(totals.getAccountsWithWonDeal()).isEqualTo(2); // A1, A2
		assertThat(totals.getUpsellAccounts()).isEqualTo(1); // A1 (D2); D4 was cross-sell but lost
		assertThat(totals.getCycle()).isEqualTo(durations(12 * DAY + 5 * DAY + DAY, 3));
		assertThat(totals.getLeadToCustomer()).isEqualTo(durations(31 * DAY, 1));
		// A1 (since from) and A2 (since 01-04) are new: D1 + D2 and D11
		assertThat(money(totals.getRevenueFromNewCustomers())).isEqualTo(Map.of("EUR", "50.25", "USD", "1500.00"));
		// lost in period: D4 and D9 (at from) — not D7 (after to)
		assertThat(totals.getDealsLost()).isEqualTo(2);

		Map<String, StageFacts> stages = stages(totals);
		assertThat(stages.keySet()).containsExactly("QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
		// Q visits ended: D2 5d, D4 32d, D6 5d, D9 17d (ends at from), D11 1d; D7's ends after to, D1's before from
		assertStage(stages.get("QUALIFICATION"), 0.10, durations(60 * DAY, 5), 5, 3, Map.of("USD", "1200.00"), 2);
		// D3's visit ends exactly at to: not in period; D3 is still open at to, in NEEDS_ANALYSIS
		assertStage(stages.get("NEEDS_ANALYSIS"), 0.20, durations(0, 0), 0, 0, Map.of("EUR", "2000.00"), 1);
		// D1 2d (ends at from), D4 10d, D6 3d
		assertStage(stages.get("PROPOSAL"), 0.50, durations(15 * DAY, 3), 2, 1, Map.of(), 0);
		// D7 is in NEGOTIATION now but was in QUALIFICATION at to
		assertStage(stages.get("NEGOTIATION"), 0.75, durations(3 * DAY, 1), 1, 0, Map.of(), 0);
		// open at to: D3 (won at to), D6, D7 (lost after to); not D8 (created at to)
		assertThat(money(totals.getPipelineValue())).isEqualTo(Map.of("EUR", "2000.00", "USD", "1200.00"));
		assertThat(totals.getOpenDeals()).isEqualTo(3);

		// active at from: A3, A5, A6 (churned at from); at to: A1, A2, A5 (churned at to)
		assertThat(totals.getCustomersActiveAtFrom()).isEqualTo(3);
		assertThat(totals.getCustomersActiveAtTo()).isEqualTo(3);
		assertThat(totals.getNewCustomers()).isEqualTo(2);
		assertThat(totals.getNewCustomersActiveAtTo()).isEqualTo(2);
		assertThat(totals.getCustomersChurned()).isEqualTo(2); // A6 (at from), A3; not A5 (at to)
	}

	@Test
	void groupingByTeamSplitsEveryFact() {
		Map<String, SalesGroupFacts> teams = byValue(facts("team"), "team");
		assertThat(teams.keySet()).containsExactly("east", "west");

		SalesGroupFacts east = teams.get("east");
		assertThat(east.getDealsWon()).isEqualTo(2);
		assertThat(money(east.getRevenue())).isEqualTo(Map.of("USD", "1500.00"));
		assertThat(east.getAccountsWithWonDeal()).isEqualTo(1);
		assertThat(east.getUpsellAccounts()).isEqualTo(1);
		assertThat(east.getCycle()).isEqualTo(durations(17 * DAY, 2));
		assertThat(east.getLeadToCustomer()).isEqualTo(durations(31 * DAY, 1));
		assertThat(money(east.getRevenueFromNewCustomers())).isEqualTo(Map.of("USD", "1500.00"));
		assertThat(east.getDealsLost()).isEqualTo(1);
		Map<String, StageFacts> eastStages = stages(east);
		assertStage(eastStages.get("QUALIFICATION"), 0.10, durations(37 * DAY, 2), 3, 2, Map.of(), 0);
		assertStage(eastStages.get("NEEDS_ANALYSIS"), 0.20, durations(0, 0), 0, 0, Map.of(), 0);
		assertStage(eastStages.get("PROPOSAL"), 0.50, durations(12 * DAY, 2), 2, 1, Map.of(), 0);
		assertStage(eastStages.get("NEGOTIATION"), 0.75, durations(3 * DAY, 1), 1, 0, Map.of(), 0);
		assertThat(east.getOpenDeals()).isZero();
		assertThat(east.getPipelineValue().getByCurrencyList()).isEmpty();
		assertCustomers(east, 3, 2, 1, 1, 2);

		SalesGroupFacts west = teams.get("west");
		assertThat(west.getDealsWon()).isEqualTo(1);
		assertThat(money(west.getRevenue())).isEqualTo(Map.of("EUR", "50.25"));
		assertThat(west.getAccountsWithWonDeal()).isEqualTo(1);
		assertThat(west.getUpsellAccounts()).isZero();
		assertThat(west.getCycle()).isEqualTo(durations(DAY, 1));
		assertThat(west.getLeadToCustomer()).isEqualTo(durations(0, 0));
		assertThat(money(west.getRevenueFromNewCustomers())).isEqualTo(Map.of("EUR", "50.25"));
		assertThat(west.getDealsLost()).isEqualTo(1);
		Map<String, StageFacts> westStages = stages(west);
		assertStage(westStages.get("QUALIFICATION"), 0.10, durations(23 * DAY, 3), 2, 1, Map.of("USD", "1200.00"),
				2);
		assertStage(westStages.get("NEEDS_ANALYSIS"), 0.20, durations(0, 0), 0, 0, Map.of("EUR", "2000.00"), 1);
		assertStage(westStages.get("PROPOSAL"), 0.50, durations(3 * DAY, 1), 0, 0, Map.of(), 0);
		assertStage(westStages.get("NEGOTIATION"), 0.75, durations(0, 0), 0, 0, Map.of(), 0);
		assertThat(money(west.getPipelineValue())).isEqualTo(Map.of("EUR", "2000.00", "USD", "1200.00"));
		assertThat(west.getOpenDeals()).isEqualTo(3);
		assertCustomers(west, 0, 1, 1, 1, 0);
	}

	@Test
	void groupingByOwnerUsesTheDealOwnerForDealsAndTheAccountOwnerForCustomers() {
		Map<String, SalesGroupFacts> owners = byValue(facts("owner"), "owner");
		assertThat(owners.keySet()).containsExactly("ann", "bob", "cat", "dan");
		assertThat(owners.get("ann").getDealsWon()).isEqualTo(2);
		assertThat(owners.get("ann").getDealsLost()).isEqualTo(1);
		assertCustomers(owners.get("ann"), 1, 1, 1, 1, 1);
		assertThat(owners.get("bob").getDealsWon()).isEqualTo(1);
		assertThat(owners.get("bob").getOpenDeals()).isEqualTo(1);
		assertCustomers(owners.get("bob"), 0, 1, 1, 1, 0);
		assertThat(owners.get("cat").getDealsLost()).isEqualTo(1);
		assertThat(money(owners.get("cat").getPipelineValue())).isEqualTo(Map.of("USD", "1200.00"));
		assertCustomers(owners.get("cat"), 0, 0, 0, 0, 0);
		assertThat(owners.get("dan").getDealsWon()).isZero();
		assertCustomers(owners.get("dan"), 2, 1, 0, 0, 1);
	}

	@Test
	void groupingByRegionSegmentAndIndustryUsesTheAccountsValuesCopiedOntoDeals() {
		Map<String, SalesGroupFacts> regions = byValue(facts("region"), "region");
		assertThat(regions.keySet()).containsExactly("AMER", "APAC", "EMEA");
		assertGroup(regions.get("EMEA"), 2, Map.of("USD", "1500.00"), 1, 0);
		assertCustomers(regions.get("EMEA"), 3, 2, 1, 1, 2);
		assertGroup(regions.get("APAC"), 1, Map.of("EUR", "50.25"), 0, 1);
		assertCustomers(regions.get("APAC"), 0, 1, 1, 1, 0);
		assertGroup(regions.get("AMER"), 0, Map.of(), 1, 2);
		assertCustomers(regions.get("AMER"), 0, 0, 0, 0, 0);

		Map<String, SalesGroupFacts> segments = byValue(facts("segment"), "segment");
		assertThat(segments.keySet()).containsExactly("ENT", "SMB");
		assertGroup(segments.get("SMB"), 2, Map.of("USD", "1500.00"), 1, 2);
		assertCustomers(segments.get("SMB"), 2, 2, 1, 1, 1);
		assertGroup(segments.get("ENT"), 1, Map.of("EUR", "50.25"), 1, 1);
		assertCustomers(segments.get("ENT"), 1, 1, 1, 1, 1);

		Map<String, SalesGroupFacts> industries = byValue(facts("industry"), "industry");
		assertThat(industries.keySet()).containsExactly("Retail", "Software");
		assertGroup(industries.get("Software"), 2, Map.of("USD", "1500.00"), 1, 0);
		assertCustomers(industries.get("Software"), 2, 1, 1, 1, 2);
		assertGroup(industries.get("Retail"), 1, Map.of("EUR", "50.25"), 1, 3);
		assertCustomers(industries.get("Retail"), 1, 2, 1, 1, 0);
	}

	@Test
	void groupingByCampaignSplitsDealFactsAndNewCustomersByTheirAcquiringDeal() {
		Map<String, SalesGroupFacts> campaigns = byValue(facts("campaign"), "campaign");
		assertThat(campaigns.keySet()).containsExactly("", "c1", "c2");
		SalesGroupFacts c1 = campaigns.get("c1");
		assertGroup(c1, 2, Map.of("EUR", "50.25", "USD", "1000.00"), 0, 1);
		assertThat(c1.getLeadToCustomer()).isEqualTo(durations(31 * DAY, 1));
		assertThat(money(c1.getRevenueFromNewCustomers())).isEqualTo(Map.of("EUR", "50.25", "USD", "1000.00"));
		assertThat(money(c1.getPipelineValue())).isEqualTo(Map.of("EUR", "2000.00"));
		assertGroup(campaigns.get("c2"), 0, Map.of(), 1, 1);
		assertThat(money(campaigns.get("c2").getPipelineValue())).isEqualTo(Map.of("USD", "400.00"));
		assertGroup(campaigns.get(""), 1, Map.of("USD", "500.00"), 1, 1);
		// new in January: A1 by D1 (c1, won 01-01) and A2 by D11 (c1, won 01-04; D3's later win at `to` does not
		// count); active and churned customers are not a campaign's doing
		assertCustomers(c1, 0, 0, 2, 2, 0);
		assertCustomers(campaigns.get("c2"), 0, 0, 0, 0, 0);
		assertCustomers(campaigns.get(""), 0, 0, 0, 0, 0);
	}

	@Test
	void aTieAtOneInstantGoesToTheSmallestDealIdInEitherOrderOfRecording() {
		// March 2011: A and B each win two deals of their own campaigns at the same instant
		String a = prospect();
		String b = prospect();
		Map<String, String> campaignOf = new HashMap<>();
		String a1 = campaignDeal(a, "tie-a1", "2011-03-01T00:00:00Z", campaignOf);
		String a2 = campaignDeal(a, "tie-a2", "2011-03-01T00:00:00Z", campaignOf);
		String b1 = campaignDeal(b, "tie-b1", "2011-03-01T00:00:00Z", campaignOf);
		String b2 = campaignDeal(b, "tie-b2", "2011-03-01T00:00:00Z", campaignOf);
		// A's larger deal id is recorded first, B's smaller one
		win(larger(a1, a2), "2011-03-10T00:00:00Z");
		win(smaller(a1, a2), "2011-03-10T00:00:00Z");
		win(smaller(b1, b2), "2011-03-10T00:00:00Z");
		win(larger(b1, b2), "2011-03-10T00:00:00Z");

		assertThat(newCustomersByCampaign("2011-03-01T00:00:00Z", "2011-04-01T00:00:00Z")).isEqualTo(
				Map.of(campaignOf.get(smaller(a1, a2)), List.of(1L, 1L), campaignOf.get(smaller(b1, b2)),
						List.of(1L, 1L)));
		Map<String, SalesGroupFacts> campaigns = byCampaign("2011-03-01T00:00:00Z", "2011-04-01T00:00:00Z");
		for (String campaign : List.of("tie-a1", "tie-a2", "tie-b1", "tie-b2")) {
			assertThat(campaigns.get(campaign).getDealsWon()).as(campaign).isEqualTo(1);
		}
		// stored as the string the id reads as (not an ObjectId), so the conditional updates compare strings
		assertThat(this.mongo.getCollection("accounts").find(new Document("_id", new ObjectId(a))).first()
			.get("acquiringDealId")).isEqualTo(smaller(a1, a2));
	}

	@Test
	void anEarlierWinImportedAfterALaterOneMovesTheNewCustomerToItsCampaign() {
		// April 2011: C is won by a deal of "late" on 04-20, then an import brings its deal of "early" won on 04-05
		String c = prospect();
		win(campaignDeal(c, "late", "2011-04-01T00:00:00Z", new HashMap<>()), "2011-04-20T00:00:00Z");
		assertThat(newCustomersByCampaign("2011-04-01T00:00:00Z", "2011-05-01T00:00:00Z"))
			.isEqualTo(Map.of("late", List.of(1L, 1L)));

		String line = """
				{"type": "deal", "accountId": "%s", "name": "d", "ownerId": "eve", "team": "north", \
				"amount": {"amount": "10.00", "currency": "USD"}, "dealType": "NEW_BUSINESS", "campaignId": "early", \
				"createdAt": "2011-04-01T00:00:00Z", "wonAt": "2011-04-05T00:00:00Z"}""".formatted(c);
		JsonNode report = perform(
				post("/api/sales/import").contentType(MediaType.parseMediaType("application/x-ndjson")).content(line),
				200);
		assertThat(report.get("imported").asInt()).isEqualTo(1);

		assertThat(getJson("/api/sales/accounts/" + c, 200).get("customerSince").asString())
			.isEqualTo("2011-04-05T00:00:00Z");
		assertThat(newCustomersByCampaign("2011-04-01T00:00:00Z", "2011-05-01T00:00:00Z"))
			.isEqualTo(Map.of("early", List.of(1L, 1L)));
		assertThat(byCampaign("2011-04-01T00:00:00Z", "2011-05-01T00:00:00Z").get("late").getDealsWon()).isEqualTo(1);
		// from 04-10 on, C is no longer new
		assertThat(newCustomersByCampaign("2011-04-10T00:00:00Z", "2011-05-01T00:00:00Z")).isEmpty();
	}

	@Test
	void aNewCustomerChurnedInThePeriodIsNoLongerActiveAtToInItsAcquiringCampaignOnly() {
		// May 2011: D is acquired by ch-a (05-03), wins a deal of ch-b too (05-10) and churns on 05-20; E is acquired
		// by ch-b (05-05); F by ch-a (05-06), and churns after the period (06-10)
		String d = prospect();
		String e = prospect();
		String f = prospect();
		Map<String, String> campaignOf = new HashMap<>();
		win(campaignDeal(d, "ch-a", "2011-05-01T00:00:00Z", campaignOf), "2011-05-03T00:00:00Z");
		win(campaignDeal(d, "ch-b", "2011-05-01T00:00:00Z", campaignOf), "2011-05-10T00:00:00Z");
		win(campaignDeal(e, "ch-b", "2011-05-01T00:00:00Z", campaignOf), "2011-05-05T00:00:00Z");
		win(campaignDeal(f, "ch-a", "2011-05-01T00:00:00Z", campaignOf), "2011-05-06T00:00:00Z");
		churn(d, "2011-05-20T00:00:00Z");
		churn(f, "2011-06-10T00:00:00Z");

		assertThat(newCustomersByCampaign("2011-05-01T00:00:00Z", "2011-06-01T00:00:00Z"))
			.isEqualTo(Map.of("ch-a", List.of(2L, 1L), "ch-b", List.of(1L, 1L)));
		assertThat(byCampaign("2011-05-01T00:00:00Z", "2011-06-01T00:00:00Z").get("ch-b").getDealsWon()).isEqualTo(2);
	}

	@Test
	void aNewCustomerAcquiredByADealWithoutCampaignCountsInTheEmptyCampaign() {
		// July 2011: G is acquired by a deal without campaign (07-02); its later deal of "d-c" (07-09) acquires nothing
		String g = prospect();
		Map<String, String> campaignOf = new HashMap<>();
		win(campaignDeal(g, null, "2011-07-01T00:00:00Z", campaignOf), "2011-07-02T00:00:00Z");
		win(campaignDeal(g, "d-c", "2011-07-01T00:00:00Z", campaignOf), "2011-07-09T00:00:00Z");

		assertThat(newCustomersByCampaign("2011-07-01T00:00:00Z", "2011-08-01T00:00:00Z"))
			.isEqualTo(Map.of("", List.of(1L, 1L)));
		Map<String, SalesGroupFacts> campaigns = byCampaign("2011-07-01T00:00:00Z", "2011-08-01T00:00:00Z");
		assertThat(campaigns.get("").getDealsWon()).isEqualTo(1);
		assertThat(campaigns.get("d-c").getDealsWon()).isEqualTo(1);
	}

	@Test
	void customersStoredWithoutTheirAcquiringDealGetItOnceFromTheBackfill() {
		// September 2011: H is won by two deals at once (bf-1, bf-2), I by a deal of bf-3, J by a deal of bf-4
		String h = prospect();
		String i = prospect();
		String j = prospect();
		Map<String, String> campaignOf = new HashMap<>();
		String h1 = campaignDeal(h, "bf-1", "2011-09-01T00:00:00Z", campaignOf);
		String h2 = campaignDeal(h, "bf-2", "2011-09-01T00:00:00Z", campaignOf);
		win(h1, "2011-09-05T00:00:00Z");
		win(h2, "2011-09-05T00:00:00Z");
		win(campaignDeal(i, "bf-3", "2011-09-01T00:00:00Z", campaignOf), "2011-09-06T00:00:00Z");
		String j1 = campaignDeal(j, "bf-4", "2011-09-01T00:00:00Z", campaignOf);
		win(j1, "2011-09-07T00:00:00Z");
		// as a version without the acquiring deal stored them; J's deal then removed behind the service's back
		List<Object> ids = List.of(h, i, j);
		this.mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)),
				new Update().unset("acquiringDealId").unset("acquiringCampaignId"), Account.class);
		this.rollups.refreshAll("accounts", ids);
		this.mongo.remove(Query.query(Criteria.where("_id").is(j1)), "deals");
		assertThat(newCustomersByCampaign("2011-09-01T00:00:00Z", "2011-10-01T00:00:00Z"))
			.isEqualTo(Map.of("", List.of(3L, 3L)));
		this.mongo.remove(new Query(), AcquiringDealBackfill.MIGRATIONS);

		this.backfill.run(null);

		// J: no deal won at its customerSince is left
		assertThat(newCustomersByCampaign("2011-09-01T00:00:00Z", "2011-10-01T00:00:00Z")).isEqualTo(
				Map.of(campaignOf.get(smaller(h1, h2)), List.of(1L, 1L), "bf-3", List.of(1L, 1L), "", List.of(1L, 1L)));
		Account filled = this.mongo.findById(h, Account.class);
		assertThat(filled.acquiringDealId()).isEqualTo(smaller(h1, h2));
		assertThat(filled.acquiringCampaignId()).isEqualTo(campaignOf.get(smaller(h1, h2)));
		assertThat(this.mongo.findById(j, Account.class).acquiringDealId()).isNull();
		assertThat(this.mongo.getCollection(AcquiringDealBackfill.MIGRATIONS).countDocuments()).isEqualTo(1);

		// run again, it writes nothing; once the marker is there, a start does not even look
		Map<String, Long> versions = versions(h, i, j);
		this.mongo.remove(new Query(), AcquiringDealBackfill.MIGRATIONS);
		this.backfill.run(null);
		assertThat(versions(h, i, j)).isEqualTo(versions);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(i)), new Update().unset("acquiringDealId"),
				Account.class);
		this.backfill.run(null);
		assertThat(this.mongo.findById(i, Account.class).acquiringDealId()).isNull();
	}

	@Test
	void groupingByStageGivesEachStageItsOwnFactsAndPipeline() {
		Map<String, SalesGroupFacts> stages = byValue(facts("stage"), "stage");
		assertThat(stages.keySet()).containsExactly("NEEDS_ANALYSIS", "NEGOTIATION", "PROPOSAL", "QUALIFICATION");
		SalesGroupFacts qualification = stages.get("QUALIFICATION");
		assertThat(qualification.getStagesList()).hasSize(1);
		assertStage(qualification.getStages(0), 0.10, durations(60 * DAY, 5), 5, 3, Map.of("USD", "1200.00"), 2);
		assertThat(money(qualification.getPipelineValue())).isEqualTo(Map.of("USD", "1200.00"));
		assertThat(qualification.getOpenDeals()).isEqualTo(2);
		assertThat(qualification.getDealsWon()).isZero();
		assertThat(qualification.getCustomersActiveAtTo()).isZero();
		assertThat(stages.get("NEEDS_ANALYSIS").getOpenDeals()).isEqualTo(1);
		assertStage(stages.get("PROPOSAL").getStages(0), 0.50, durations(15 * DAY, 3), 2, 1, Map.of(), 0);
		assertStage(stages.get("NEGOTIATION").getStages(0), 0.75, durations(3 * DAY, 1), 1, 0, Map.of(), 0);
	}

	@Test
	void groupingByLossReasonSplitsOnlyLostDeals() {
		Map<String, SalesGroupFacts> reasons = byValue(facts("lossReason"), "lossReason");
		// "timing" (D7) was lost after the period
		assertThat(reasons.keySet()).containsExactly("budget", "price");
		for (SalesGroupFacts group : reasons.values()) {
			assertThat(group.getDealsLost()).isEqualTo(1);
			assertThat(group.getDealsWon()).isZero();
			assertThat(group.getStagesList()).isEmpty();
			assertThat(group.getOpenDeals()).isZero();
			assertCustomers(group, 0, 0, 0, 0, 0);
		}
	}

	@Test
	void anEmptyPeriodHasOneGroupOfZerosWithTheConfiguredStages() {
		SalesGroupFacts totals = this.facts.getFacts(request("1990-01-01T00:00:00Z", "1990-02-01T00:00:00Z", ""))
			.getGroups(0);
		assertThat(totals.getDealsWon()).isZero();
		assertThat(totals.getRevenue().getByCurrencyList()).isEmpty();
		assertThat(totals.getStagesList()).extracting(StageFacts::getStage)
			.containsExactly("QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
	}

	@Test
	void badRequestsAreInvalidArguments() {
		for (FactsRequest bad : List.of(request("2010-01-01T00:00:00Z", "2010-02-01T00:00:00Z", "planet"),
				FactsRequest.newBuilder().setTo(timestamp(TO)).build(),
				request("2010-02-01T00:00:00Z", "2010-01-01T00:00:00Z", ""))) {
			assertThatThrownBy(() -> this.facts.getFacts(bad)).isInstanceOfSatisfying(StatusRuntimeException.class,
					(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		}
	}

	private List<SalesGroupFacts> facts(String groupBy) {
		return this.facts.getFacts(request(FROM.toString(), TO.toString(), groupBy)).getGroupsList();
	}

	private Map<String, SalesGroupFacts> byCampaign(String from, String to) {
		return byValue(this.facts.getFacts(request(from, to, "campaign")).getGroupsList(), "campaign");
	}

	/**
	 * The campaigns with a new customer in [from, to): new customers, and those still active at {@code to}. The other
	 * customer counts are not split by campaign.
	 */
	private Map<String, List<Long>> newCustomersByCampaign(String from, String to) {
		Map<String, List<Long>> counts = new TreeMap<>();
		byCampaign(from, to).forEach((campaign, group) -> {
			assertCustomers(group, 0, 0, group.getNewCustomers(), group.getNewCustomersActiveAtTo(), 0);
			if (group.getNewCustomers() > 0) {
				counts.put(campaign, List.of(group.getNewCustomers(), group.getNewCustomersActiveAtTo()));
			}
		});
		return counts;
	}

	private static FactsRequest request(String from, String to, String groupBy) {
		return FactsRequest.newBuilder()
			.setFrom(timestamp(Instant.parse(from)))
			.setTo(timestamp(Instant.parse(to)))
			.setGroupBy(groupBy)
			.build();
	}

	static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}

	static Map<String, String> money(MoneySum sum) {
		return sum.getByCurrencyList()
			.stream()
			.collect(Collectors.toMap((money) -> money.getCurrency(), (money) -> money.getAmount(), (a, b) -> a,
					TreeMap::new));
	}

	static DurationStats durations(long totalMillis, long count) {
		return DurationStats.newBuilder().setTotalMillis(totalMillis).setCount(count).build();
	}

	static Map<String, StageFacts> stages(SalesGroupFacts group) {
		return group.getStagesList()
			.stream()
			.collect(Collectors.toMap(StageFacts::getStage, Function.identity(), (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	static Map<String, SalesGroupFacts> byValue(List<SalesGroupFacts> groups, String dimension) {
		return groups.stream()
			.collect(Collectors.toMap((group) -> group.getGroupMap().get(dimension), Function.identity(), (a, b) -> a,
					TreeMap::new));
	}

	static void assertStage(StageFacts stage, double probability, DurationStats visits, long closed, long won,
			Map<String, String> openAmount, long openDeals) {
		assertThat(stage.getConfiguredProbability()).as(stage.getStage()).isEqualTo(probability);
		assertThat(stage.getVisitsEnded()).as(stage.getStage()).isEqualTo(visits);
		assertThat(stage.getClosedDealsEntered()).as(stage.getStage()).isEqualTo(closed);
		assertThat(stage.getWonDealsEntered()).as(stage.getStage()).isEqualTo(won);
		assertThat(money(stage.getOpenAmountAtTo())).as(stage.getStage()).isEqualTo(openAmount);
		assertThat(stage.getOpenDealsAtTo()).as(stage.getStage()).isEqualTo(openDeals);
	}

	private static void assertGroup(SalesGroupFacts group, long won, Map<String, String> revenue, long lost,
			long open) {
		assertThat(group.getDealsWon()).isEqualTo(won);
		assertThat(money(group.getRevenue())).isEqualTo(revenue);
		assertThat(group.getDealsLost()).isEqualTo(lost);
		assertThat(group.getOpenDeals()).isEqualTo(open);
	}

	private static void assertCustomers(SalesGroupFacts group, long activeAtFrom, long activeAtTo, long newCustomers,
			long newActiveAtTo, long churned) {
		assertThat(group.getCustomersActiveAtFrom()).as("active at from").isEqualTo(activeAtFrom);
		assertThat(group.getCustomersActiveAtTo()).as("active at to").isEqualTo(activeAtTo);
		assertThat(group.getNewCustomers()).as("new").isEqualTo(newCustomers);
		assertThat(group.getNewCustomersActiveAtTo()).as("new active at to").isEqualTo(newActiveAtTo);
		assertThat(group.getCustomersChurned()).as("churned").isEqualTo(churned);
	}

	private String account(String owner, String team, String region, String segment, String industry) {
		return postJson("/api/sales/accounts", """
				{"name": "Co", "ownerId": "%s", "team": "%s", "region": "%s", "segment": "%s", "industry": "%s",
				 "createdAt": "2008-01-01T00:00:00Z"}""".formatted(owner, team, region, segment, industry), 201)
			.get("id")
			.asString();
	}

	private String deal(String accountId, String owner, String team, String amount, String currency, String type,
			String campaign, String leadCreatedAt, String createdAt) {
		return postJson("/api/sales/deals", """
				{"accountId": "%s", "name": "d", "ownerId": "%s", "team": "%s",
				 "amount": {"amount": "%s", "currency": "%s"}, "type": "%s", "campaignId": %s,
				 "leadCreatedAt": %s, "createdAt": "%s"}""".formatted(accountId, owner, team, amount, currency, type,
				quoted(campaign), quoted(leadCreatedAt), createdAt), 201)
			.get("id")
			.asString();
	}

	/** An account for the campaign scenarios of 2011. */
	private String prospect() {
		return account("eve", "north", "EMEA", "SMB", "Software");
	}

	/** A deal of {@code campaign} (null: none) in the account, noted in {@code campaignOf}. */
	private String campaignDeal(String accountId, String campaign, String createdAt, Map<String, String> campaignOf) {
		String id = deal(accountId, "eve", "north", "10.00", "USD", "NEW_BUSINESS", campaign, null, createdAt);
		campaignOf.put(id, campaign);
		return id;
	}

	// deal ids compare as strings, as they are stored: which of two is smaller is read, not assumed
	private static String smaller(String a, String b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	private static String larger(String a, String b) {
		return (a.compareTo(b) < 0) ? b : a;
	}

	private Map<String, Long> versions(String... accountIds) {
		Map<String, Long> versions = new TreeMap<>();
		for (String id : accountIds) {
			versions.put(id, this.mongo.findById(id, Account.class).version());
		}
		return versions;
	}

	private static String quoted(String value) {
		return value == null ? "null" : "\"" + value + "\"";
	}

	private void move(String dealId, String stage, String at) {
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"%s\", \"at\": \"%s\"}".formatted(stage, at),
				200);
	}

	private void win(String dealId, String at) {
		postJson("/api/sales/deals/" + dealId + "/win", "{\"at\": \"%s\"}".formatted(at), 200);
	}

	private void lose(String dealId, String reason, String at) {
		postJson("/api/sales/deals/" + dealId + "/lose", "{\"reason\": \"%s\", \"at\": \"%s\"}".formatted(reason, at),
				200);
	}

	private void churn(String accountId, String at) {
		postJson("/api/sales/accounts/" + accountId + "/churn", "{\"reason\": \"gone\", \"at\": \"%s\"}".formatted(at),
				200);
	}
}
