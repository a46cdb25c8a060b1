package dev.pulsecrm.sales.importing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import dev.pulsecrm.sales.SalesServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * 10 000 generated deals with full histories (plus their accounts and churns) go through the bulk endpoint; the facts
 * the service then reports must equal the ones this test computes itself from the generated records, without the
 * service's code.
 */
class BulkImportFactsTest extends SalesServiceTest {

	static final String[] STAGES = { "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION" };

	static final double[] PROBABILITIES = { 0.10, 0.20, 0.50, 0.75 };

	static final String[] TYPES = { "NEW_BUSINESS", "UPSELL", "CROSS_SELL", "RENEWAL" };

	static final Instant START = Instant.parse("2015-01-01T00:00:00Z");

	static final Instant FROM = Instant.parse("2016-01-01T00:00:00Z");

	static final Instant TO = Instant.parse("2016-07-01T00:00:00Z");

	@Autowired
	MongoTemplate mongo;

	@Autowired
	GrpcChannelFactory channels;

	record GenAccount(String externalId, String team, Instant[] customerSince, Instant[] churnedAt) {
	}

	record Visit(String stage, Instant enteredAt, Instant exitedAt) {
	}

	record GenDeal(GenAccount account, String team, long cents, String currency, String type, Instant createdAt,
			Instant leadCreatedAt, List<Visit> visits, Instant wonAt, Instant lostAt) {

		Instant closedAt() {
			return this.wonAt != null ? this.wonAt : this.lostAt;
		}
	}

	/**
	 * Every deal and account goes, so the rollups go too: emptied directly rather than record by record through the
	 * delete listener (deletes by query are covered by the facts equivalence test), which took longer than the test.
	 */
	@AfterEach
	void leaveNoBulkDataForOtherTests() {
		for (String collection : List.of("deals", "accounts", "rollup_sums", "rollup_entries", "rollup_ledger",
				"rollup_keys")) {
			this.mongo.getCollection(collection).deleteMany(new org.bson.Document());
		}
	}

	@Test
	@Timeout(400) // a hang guard, not a performance bound: ~50–90 s with the rollups on 2 shared cores
	void tenThousandImportedDealsGiveTheFactsComputedIndependently() throws Exception {
		for (String collection : List.of("deals", "accounts", "pipeline")) {
			this.mongo.remove(new Query(), collection);
		}
		Random random = new Random(20160101);
		List<GenAccount> accounts = new ArrayList<>();
		StringBuilder ndjson = new StringBuilder(4_000_000);
		for (int i = 0; i < 800; i++) {
			GenAccount account = new GenAccount("ba" + i, "t" + (i % 3), new Instant[1], new Instant[1]);
			accounts.add(account);
			ndjson.append("{\"type\":\"account\",\"name\":\"a\",\"ownerId\":\"o\",\"team\":\"")
				.append(account.team())
				.append("\",\"externalId\":\"")
				.append(account.externalId())
				.append("\",\"createdAt\":\"2014-01-01T00:00:00Z\"}\n");
		}
		List<GenDeal> deals = new ArrayList<>();
		for (int j = 0; j < 10_000; j++) {
			GenDeal deal = generateDeal(random, accounts.get(random.nextInt(accounts.size())), j);
			deals.add(deal);
			appendDealLine(ndjson, deal, j);
			if (deal.wonAt() != null) {
				Instant[] since = deal.account().customerSince();
				if (since[0] == null || deal.wonAt().isBefore(since[0])) {
					since[0] = deal.wonAt();
				}
			}
		}
		int churns = 0;
		for (GenAccount account : accounts) {
			if (account.customerSince()[0] != null && random.nextInt(4) == 0) {
				account.churnedAt()[0] = account.customerSince()[0].plus(Duration.ofHours(1 + random.nextInt(5000)));
				ndjson.append("{\"type\":\"churn\",\"accountExternalId\":\"")
					.append(account.externalId())
					.append("\",\"reason\":\"r\",\"at\":\"")
					.append(account.churnedAt()[0])
					.append("\"}\n");
				churns++;
			}
		}

		long started = System.nanoTime();
		JsonNode report = perform(post("/api/sales/import").contentType(MediaType.parseMediaType("application/x-ndjson"))
			.content(ndjson.toString()), 200);
		long importMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(report.get("failed").asInt()).as(report.get("results").toString().substring(0, 300)).isZero();
		assertThat(report.get("imported").asInt()).isEqualTo(800 + 10_000 + churns);
		// how long it took is the benchmark's business (import rate in docs/benchmarks.md), not a pass/fail here
		System.out.println("bulk import of " + report.get("imported").asInt() + " lines: " + importMillis + " ms");

		SalesFactsGrpc.SalesFactsBlockingStub facts = SalesFactsGrpc
			.newBlockingStub(this.channels.createChannel("in-process:sales-test"));
		SalesFactsReply totals = facts.getFacts(request(""));
		assertThat(totals.getGroupsList()).containsExactly(expected(deals, accounts, null));
		assertThat(totals.getGroups(0).getDealsWon()).as("the generated data exercises the period").isPositive();
		SalesFactsReply byTeam = facts.getFacts(request("team"));
		assertThat(byTeam.getGroupsList()).containsExactly(expected(deals, accounts, "t0"),
				expected(deals, accounts, "t1"), expected(deals, accounts, "t2"));
	}

	private static GenDeal generateDeal(Random random, GenAccount account, int j) {
		Instant createdAt = START.plus(Duration.ofMinutes(random.nextInt(600 * 24 * 60)));
		List<Visit> visits = new ArrayList<>();
		int stage = random.nextInt(2);
		Instant at = createdAt;
		int moves = random.nextInt(4);
		for (int m = 0; m <= moves; m++) {
			Instant next = at.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60)));
			visits.add(new Visit(STAGES[stage], at, next));
			int nextStage = (stage + 1 + random.nextInt(3)) % 4;
			stage = nextStage;
			at = next;
		}
		// the last visit's exit is the outcome (or nothing when the deal stays open)
		Visit last = visits.remove(visits.size() - 1);
		int outcome = random.nextInt(10);
		Instant closedAt = outcome < 7 ? last.exitedAt() : null;
		visits.add(new Visit(last.stage(), last.enteredAt(), closedAt));
		Instant wonAt = outcome < 4 ? closedAt : null;
		Instant lostAt = (outcome >= 4 && outcome < 7) ? closedAt : null;
		Instant leadCreatedAt = (j % 2 == 0) ? createdAt.minus(Duration.ofHours(random.nextInt(2000))) : null;
		return new GenDeal(account, "t" + (j % 3), 1 + random.nextInt(5_000_000), (j % 4 == 0) ? "EUR" : "USD",
				TYPES[random.nextInt(4)], createdAt, leadCreatedAt, visits, wonAt, lostAt);
	}

	private static void appendDealLine(StringBuilder ndjson, GenDeal deal, int j) {
		ndjson.append("{\"type\":\"deal\",\"accountExternalId\":\"")
			.append(deal.account().externalId())
			.append("\",\"name\":\"d\",\"ownerId\":\"o\",\"team\":\"")
			.append(deal.team())
			.append("\",\"amount\":{\"amount\":\"")
			.append(BigDecimal.valueOf(deal.cents(), 2).toPlainString())
			.append("\",\"currency\":\"")
			.append(deal.currency())
			.append("\"},\"dealType\":\"")
			.append(deal.type())
			.append("\",\"externalId\":\"bd")
			.append(j)
			.append("\",\"stageHistory\":[");
		for (int v = 0; v < deal.visits().size(); v++) {
			ndjson.append(v == 0 ? "" : ",")
				.append("{\"stage\":\"")
				.append(deal.visits().get(v).stage())
				.append("\",\"enteredAt\":\"")
				.append(deal.visits().get(v).enteredAt())
				.append("\"}");
		}
		ndjson.append("]");
		if (deal.leadCreatedAt() != null) {
			ndjson.append(",\"leadCreatedAt\":\"").append(deal.leadCreatedAt()).append("\"");
		}
		if (deal.wonAt() != null) {
			ndjson.append(",\"wonAt\":\"").append(deal.wonAt()).append("\"");
		}
		if (deal.lostAt() != null) {
			ndjson.append(",\"lostAt\":\"").append(deal.lostAt()).append("\",\"lossReason\":\"price\"");
		}
		ndjson.append("}\n");
	}

	/** The facts of one group (team, or null for the totals), straight from the KPIS.md definitions. */
	private static SalesGroupFacts expected(List<GenDeal> allDeals, List<GenAccount> allAccounts, String team) {
		List<GenDeal> deals = allDeals.stream().filter((d) -> team == null || team.equals(d.team())).toList();
		List<GenAccount> accounts = allAccounts.stream().filter((a) -> team == null || team.equals(a.team())).toList();
		Set<GenAccount> newCustomers = new HashSet<>();
		for (GenAccount account : allAccounts) {
			if (in(account.customerSince()[0])) {
				newCustomers.add(account);
			}
		}
		long won = 0;
		long lost = 0;
		long cycle = 0;
		long leadMillis = 0;
		long leadCount = 0;
		Map<String, Long> revenue = new TreeMap<>();
		Map<String, Long> newRevenue = new TreeMap<>();
		Set<GenAccount> wonAccounts = new HashSet<>();
		Set<GenAccount> upsell = new HashSet<>();
		Map<String, long[]> stages = new HashMap<>(); // visits, millis, closed, won, openDeals
		Map<String, Map<String, Long>> openCents = new HashMap<>();
		for (String stage : STAGES) {
			stages.put(stage, new long[5]);
			openCents.put(stage, new TreeMap<>());
		}
		Map<String, Long> pipeline = new TreeMap<>();
		long open = 0;
		for (GenDeal deal : deals) {
			if (in(deal.wonAt())) {
				won++;
				revenue.merge(deal.currency(), deal.cents(), Long::sum);
				wonAccounts.add(deal.account());
				if (deal.type().equals("UPSELL") || deal.type().equals("CROSS_SELL")) {
					upsell.add(deal.account());
				}
				cycle += deal.wonAt().toEpochMilli() - deal.createdAt().toEpochMilli();
				if (deal.leadCreatedAt() != null) {
					leadCount++;
					leadMillis += deal.wonAt().toEpochMilli() - deal.leadCreatedAt().toEpochMilli();
				}
				if (newCustomers.contains(deal.account())) {
					newRevenue.merge(deal.currency(), deal.cents(), Long::sum);
				}
			}
			if (in(deal.lostAt())) {
				lost++;
			}
			Set<String> entered = new HashSet<>();
			for (Visit visit : deal.visits()) {
				entered.add(visit.stage());
				if (in(visit.exitedAt())) {
					stages.get(visit.stage())[0]++;
					stages.get(visit.stage())[1] += visit.exitedAt().toEpochMilli() - visit.enteredAt().toEpochMilli();
				}
			}
			if (in(deal.closedAt())) {
				for (String stage : entered) {
					stages.get(stage)[2]++;
					if (deal.wonAt() != null) {
						stages.get(stage)[3]++;
					}
				}
			}
			boolean openAtTo = deal.createdAt().isBefore(TO) && (deal.closedAt() == null || !deal.closedAt().isBefore(TO));
			if (openAtTo) {
				open++;
				pipeline.merge(deal.currency(), deal.cents(), Long::sum);
				String stageAtTo = null;
				for (Visit visit : deal.visits()) {
					if (visit.enteredAt().isBefore(TO) && (visit.exitedAt() == null || !visit.exitedAt().isBefore(TO))) {
						stageAtTo = visit.stage();
					}
				}
				stages.get(stageAtTo)[4]++;
				openCents.get(stageAtTo).merge(deal.currency(), deal.cents(), Long::sum);
			}
		}
		SalesGroupFacts.Builder facts = SalesGroupFacts.newBuilder()
			.setDealsWon(won)
			.setDealsLost(lost)
			.setRevenue(money(revenue))
			.setAccountsWithWonDeal(wonAccounts.size())
			.setUpsellAccounts(upsell.size())
			.setCycle(DurationStats.newBuilder().setTotalMillis(cycle).setCount(won))
			.setLeadToCustomer(DurationStats.newBuilder().setTotalMillis(leadMillis).setCount(leadCount))
			.setRevenueFromNewCustomers(money(newRevenue))
			.setPipelineValue(money(pipeline))
			.setOpenDeals(open);
		if (team != null) {
			facts.putGroup("team", team);
		}
		for (int s = 0; s < STAGES.length; s++) {
			long[] totals = stages.get(STAGES[s]);
			facts.addStages(StageFacts.newBuilder()
				.setStage(STAGES[s])
				.setConfiguredProbability(PROBABILITIES[s])
				.setVisitsEnded(DurationStats.newBuilder().setCount(totals[0]).setTotalMillis(totals[1]))
				.setClosedDealsEntered(totals[2])
				.setWonDealsEntered(totals[3])
				.setOpenAmountAtTo(money(openCents.get(STAGES[s])))
				.setOpenDealsAtTo(totals[4]));
		}
		for (GenAccount account : accounts) {
			Instant since = account.customerSince()[0];
			Instant churned = account.churnedAt()[0];
			if (activeAt(since, churned, FROM)) {
				facts.setCustomersActiveAtFrom(facts.getCustomersActiveAtFrom() + 1);
			}
			if (activeAt(since, churned, TO)) {
				facts.setCustomersActiveAtTo(facts.getCustomersActiveAtTo() + 1);
			}
			if (in(since)) {
				facts.setNewCustomers(facts.getNewCustomers() + 1);
				if (activeAt(since, churned, TO)) {
					facts.setNewCustomersActiveAtTo(facts.getNewCustomersActiveAtTo() + 1);
				}
			}
			if (in(churned)) {
				facts.setCustomersChurned(facts.getCustomersChurned() + 1);
			}
		}
		return facts.build();
	}

	private static boolean activeAt(Instant since, Instant churned, Instant t) {
		return since != null && since.isBefore(t) && (churned == null || !churned.isBefore(t));
	}

	private static boolean in(Instant at) {
		return at != null && !at.isBefore(FROM) && at.isBefore(TO);
	}

	private static MoneySum money(Map<String, Long> cents) {
		MoneySum.Builder sum = MoneySum.newBuilder();
		new TreeMap<>(cents).forEach((currency, amount) -> sum.addByCurrency(
				Money.newBuilder().setCurrency(currency).setAmount(BigDecimal.valueOf(amount, 2).toPlainString())));
		return sum.build();
	}

	private static FactsRequest request(String groupBy) {
		return FactsRequest.newBuilder()
			.setFrom(Timestamp.newBuilder().setSeconds(FROM.getEpochSecond()))
			.setTo(Timestamp.newBuilder().setSeconds(TO.getEpochSecond()))
			.setGroupBy(groupBy)
			.build();
	}
}
