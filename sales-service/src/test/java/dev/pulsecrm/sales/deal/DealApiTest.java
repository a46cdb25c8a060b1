package dev.pulsecrm.sales.deal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.sales.SalesServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

class DealApiTest extends SalesServiceTest {

	@Autowired
	DealRepository deals;

	@Test
	void aNewDealStartsInTheFirstStageWithTheAccountsRegionSegmentAndIndustry() {
		String accountId = createAccount("ann", unique("team"));
		JsonNode deal = postJson("/api/sales/deals", """
				{"accountId": "%s", "name": "Licences", "ownerId": "ann", "team": "emea",
				 "amount": {"amount": 1234.5, "currency": "usd"}, "type": "UPSELL",
				 "expectedCloseDate": "2026-12-15", "campaignId": "c-1", "createdAt": "2025-03-01T09:30:00Z"}"""
			.formatted(accountId), 201);
		assertThat(deal.get("status").asString()).isEqualTo("OPEN");
		assertThat(deal.get("stage").asString()).isEqualTo("QUALIFICATION");
		assertThat(deal.get("amount").get("amount").decimalValue()).isEqualByComparingTo("1234.50");
		assertThat(deal.get("amount").get("currency").asString()).isEqualTo("USD");
		assertThat(deal.get("region").asString()).isEqualTo("EMEA");
		assertThat(deal.get("segment").asString()).isEqualTo("SMB");
		assertThat(deal.get("industry").asString()).isEqualTo("Software");
		assertThat(deal.get("expectedCloseDate").asString()).isEqualTo("2026-12-15");
		assertThat(deal.get("stageHistory").get(0).get("enteredAt").asString()).isEqualTo("2025-03-01T09:30:00Z");
		assertThat(deal.has("amountCents")).isFalse();
		assertThat(getJson("/api/sales/deals/" + deal.get("id").asString(), 200).get("name").asString())
			.isEqualTo("Licences");
	}

	@Test
	void aSecondCreateWithTheSameExternalIdReturnsTheFirstDeal() {
		String accountId = createAccount("ann", unique("team"));
		String body = """
				{"accountId": "%s", "name": "x", "ownerId": "ann", "amount": {"amount": "1", "currency": "USD"},
				 "type": "NEW_BUSINESS", "externalId": "%s"}""".formatted(accountId, unique("crm-deal"));
		String first = postJson("/api/sales/deals", body, 201).get("id").asString();
		assertThat(postJson("/api/sales/deals", body, 200).get("id").asString()).isEqualTo(first);
		assertThat(getJson("/api/sales/deals?accountId=" + accountId, 200).get("total").asLong()).isEqualTo(1);
	}

	@Test
	void aDealInAnUnknownStageOrForAnUnknownAccountOrWithBadMoneyIsRefusedAndNotCreated() {
		String accountId = createAccount("ann", unique("team"));
		String template = """
				{"accountId": "%s", "name": "x", "ownerId": "ann", "amount": %s, "type": "NEW_BUSINESS",
				 "stage": "%s"}""";
		postJson("/api/sales/deals", template.formatted(accountId, "{\"amount\": 1}", "WON"), 422);
		postJson("/api/sales/deals", template.formatted(accountId, "{\"amount\": 1}", "DREAMING"), 422);
		postJson("/api/sales/deals", template.formatted(accountId, "{\"amount\": -1}", "PROPOSAL"), 422);
		postJson("/api/sales/deals", template.formatted(accountId, "{\"amount\": 1.001}", "PROPOSAL"), 422);
		postJson("/api/sales/deals", template.formatted(accountId, "{\"amount\": 1, \"currency\": \"XXY\"}",
				"PROPOSAL"), 422);
		postJson("/api/sales/deals", template.formatted("no-such-account", "{\"amount\": 1}", "PROPOSAL"), 422);
		postJson("/api/sales/deals", """
				{"accountId": "%s", "name": "x", "ownerId": "ann", "amount": {"amount": 1}, "type": "BARTER"}"""
			.formatted(accountId), 400);
		postJson("/api/sales/deals", "{\"accountId\": ", 400);
		assertThat(getJson("/api/sales/deals?accountId=" + accountId, 200).get("total").asLong()).isZero();
	}

	@Test
	void aDealMovesThroughStagesAndWinningMakesItsAccountACustomer() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String dealId = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"PROPOSAL\", \"at\": \"2025-01-03T00:00:00Z\"}",
				200);
		JsonNode won = postJson("/api/sales/deals/" + dealId + "/win",
				"{\"at\": \"2025-01-10T00:00:00Z\", \"amount\": {\"amount\": \"900.00\", \"currency\": \"EUR\"}}", 200);
		assertThat(won.get("status").asString()).isEqualTo("WON");
		assertThat(won.get("wonAt").asString()).isEqualTo("2025-01-10T00:00:00Z");
		assertThat(won.get("amount").get("amount").decimalValue()).isEqualByComparingTo("900");
		JsonNode history = won.get("stageHistory");
		assertThat(history.size()).isEqualTo(2);
		assertThat(history.get(0).get("exitedAt").asString()).isEqualTo("2025-01-03T00:00:00Z");
		assertThat(history.get(1).get("stage").asString()).isEqualTo("PROPOSAL");
		assertThat(history.get(1).get("exitedAt").asString()).isEqualTo("2025-01-10T00:00:00Z");
		JsonNode account = getJson("/api/sales/accounts/" + accountId, 200);
		assertThat(account.get("status").asString()).isEqualTo("CUSTOMER");
		assertThat(account.get("customerSince").asString()).isEqualTo("2025-01-10T00:00:00Z");
	}

	@Test
	void aLaterWinKeepsCustomerSinceAndAnEarlierOneMovesItBack() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String first = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		String second = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		String third = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + first + "/win", "{\"at\": \"2025-03-01T00:00:00Z\"}", 200);
		postJson("/api/sales/deals/" + second + "/win", "{\"at\": \"2025-04-01T00:00:00Z\"}", 200);
		assertThat(getJson("/api/sales/accounts/" + accountId, 200).get("customerSince").asString())
			.isEqualTo("2025-03-01T00:00:00Z");
		postJson("/api/sales/deals/" + third + "/win", "{\"at\": \"2025-02-01T00:00:00Z\"}", 200);
		assertThat(getJson("/api/sales/accounts/" + accountId, 200).get("customerSince").asString())
			.isEqualTo("2025-02-01T00:00:00Z");
	}

	@Test
	void losingRecordsTheReasonAndLeavesTheAccountAProspect() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String dealId = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + dealId + "/lose", "{\"at\": \"2025-01-05T00:00:00Z\"}", 400);
		JsonNode lost = postJson("/api/sales/deals/" + dealId + "/lose",
				"{\"reason\": \"price\", \"at\": \"2025-01-05T00:00:00Z\"}", 200);
		assertThat(lost.get("status").asString()).isEqualTo("LOST");
		assertThat(lost.get("lossReason").asString()).isEqualTo("price");
		assertThat(lost.get("lostAt").asString()).isEqualTo("2025-01-05T00:00:00Z");
		assertThat(getJson("/api/sales/accounts/" + accountId, 200).get("status").asString()).isEqualTo("PROSPECT");
	}

	@Test
	void illegalTransitionsAreRefusedAndChangeNothing() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String open = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + open + "/stage", "{\"stage\": \"PROPOSAL\", \"at\": \"2025-01-05T00:00:00Z\"}",
				200);
		JsonNode before = getJson("/api/sales/deals/" + open, 200);
		// same stage → 409; dated before the previous move → 422; unknown stage → 422; future → 422
		postJson("/api/sales/deals/" + open + "/stage", "{\"stage\": \"PROPOSAL\"}", 409);
		postJson("/api/sales/deals/" + open + "/stage",
				"{\"stage\": \"NEGOTIATION\", \"at\": \"2025-01-04T00:00:00Z\"}", 422);
		postJson("/api/sales/deals/" + open + "/win", "{\"at\": \"2025-01-04T00:00:00Z\"}", 422);
		postJson("/api/sales/deals/" + open + "/lose", "{\"reason\": \"x\", \"at\": \"2025-01-04T00:00:00Z\"}", 422);
		postJson("/api/sales/deals/" + open + "/stage", "{\"stage\": \"NOWHERE\"}", 422);
		postJson("/api/sales/deals/" + open + "/stage", "{\"stage\": \"NEGOTIATION\", \"at\": \"2999-01-01T00:00:00Z\"}",
				422);
		postJson("/api/sales/deals/" + open + "/stage", "{}", 400);
		assertThat(getJson("/api/sales/deals/" + open, 200)).isEqualTo(before);

		String won = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + won + "/win", "{\"at\": \"2025-01-02T00:00:00Z\"}", 200);
		String lost = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + lost + "/lose", "{\"reason\": \"x\", \"at\": \"2025-01-02T00:00:00Z\"}", 200);
		for (String closed : List.of(won, lost)) {
			JsonNode closedBefore = getJson("/api/sales/deals/" + closed, 200);
			postJson("/api/sales/deals/" + closed + "/stage", "{\"stage\": \"NEGOTIATION\"}", 409);
			postJson("/api/sales/deals/" + closed + "/win", "{}", 409);
			postJson("/api/sales/deals/" + closed + "/lose", "{\"reason\": \"again\"}", 409);
			assertThat(getJson("/api/sales/deals/" + closed, 200)).isEqualTo(closedBefore);
		}
		getJson("/api/sales/deals/no-such-deal", 404);
		postJson("/api/sales/deals/no-such-deal/win", "{}", 404);
	}

	@Test
	void listsFilterByStatusStageOwnerTeamAndAccount() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String a = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		String b = createDeal(accountId, "bob", team, "2025-01-01T00:00:00Z");
		createDeal(accountId, "bob", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + a + "/win", "{\"at\": \"2025-01-02T00:00:00Z\"}", 200);
		postJson("/api/sales/deals/" + b + "/stage", "{\"stage\": \"PROPOSAL\", \"at\": \"2025-01-02T00:00:00Z\"}",
				200);
		String base = "/api/sales/deals?team=" + team;
		assertThat(getJson(base, 200).get("total").asLong()).isEqualTo(3);
		assertThat(getJson(base + "&status=WON", 200).get("items").get(0).get("id").asString()).isEqualTo(a);
		assertThat(getJson(base + "&status=OPEN", 200).get("total").asLong()).isEqualTo(2);
		assertThat(getJson(base + "&stage=PROPOSAL", 200).get("items").get(0).get("id").asString()).isEqualTo(b);
		assertThat(getJson(base + "&ownerId=bob", 200).get("total").asLong()).isEqualTo(2);
		assertThat(getJson("/api/sales/deals?accountId=" + accountId, 200).get("total").asLong()).isEqualTo(3);
		assertThat(getJson(base + "&size=2&page=1", 200).get("items").size()).isEqualTo(1);
		getJson(base + "&status=PENDING", 400);
		getJson(base + "&size=1000", 400);
	}

	@Test
	void aNonOwnerOutsideTheTeamGetsForbiddenAndTheDealIsUnchanged() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String dealId = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		JsonNode before = getJson("/api/sales/deals/" + dealId, 200);
		this.caller.actAs(new Caller("mallory", "other-team", Set.of("SALES")));
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"PROPOSAL\"}", 403);
		postJson("/api/sales/deals/" + dealId + "/win", "{}", 403);
		postJson("/api/sales/deals/" + dealId + "/lose", "{\"reason\": \"x\"}", 403);
		postJson("/api/sales/deals", """
				{"accountId": "%s", "name": "x", "ownerId": "ann", "team": "%s", "amount": {"amount": 1},
				 "type": "NEW_BUSINESS"}""".formatted(accountId, team), 403);
		this.caller.actAs(Caller.SYSTEM);
		assertThat(getJson("/api/sales/deals/" + dealId, 200)).isEqualTo(before);
		assertThat(getJson("/api/sales/deals?accountId=" + accountId, 200).get("total").asLong()).isEqualTo(1);
		this.caller.actAs(new Caller("ann", "other-team", Set.of("SALES")));
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"PROPOSAL\"}", 200);
	}

	@Test
	void savingAStaleCopyOfADealFailsWithAVersionConflictAndChangesNothing() {
		String team = unique("team");
		String dealId = createDeal(createAccount("ann", team), "ann", team, "2025-01-01T00:00:00Z");
		Deal stale = this.deals.findById(dealId).orElseThrow();
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"PROPOSAL\"}", 200);
		stale.moveTo("NEGOTIATION", stale.lastMoveAt(), dev.pulsecrm.sales.pipeline.Pipeline.DEFAULT);
		assertThatThrownBy(() -> this.deals.save(stale)).isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(getJson("/api/sales/deals/" + dealId, 200).get("stage").asString()).isEqualTo("PROPOSAL");
	}

	@Test
	void concurrentStageMovesNeverLoseAnUpdateTheLosersGetConflict() throws Exception {
		String team = unique("team");
		String dealId = createDeal(createAccount("ann", team), "ann", team, "2025-01-01T00:00:00Z");
		List<String> stages = List.of("NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "NEEDS_ANALYSIS", "PROPOSAL",
				"NEGOTIATION", "NEEDS_ANALYSIS", "PROPOSAL");
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(stages.size());
		try {
			for (String stage : stages) {
				statuses.add(pool.submit(() -> {
					start.await();
					return this.mvc
						.perform(post("/api/sales/deals/" + dealId + "/stage").contentType(MediaType.APPLICATION_JSON)
							.content("{\"stage\": \"" + stage + "\"}"))
						.andReturn()
						.getResponse()
						.getStatus();
				}));
			}
			start.countDown();
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				results.add(status.get());
			}
			// every request either moved the deal or was told to retry: the history holds exactly the moves
			// that were answered 200 (a lost update would leave fewer visits than successes)
			assertThat(results).allMatch((status) -> status == 200 || status == 409);
			long moved = results.stream().filter((status) -> status == 200).count();
			assertThat(moved).isPositive();
			assertThat(getJson("/api/sales/deals/" + dealId, 200).get("stageHistory").size())
				.isEqualTo(1 + (int) moved);
		}
		finally {
			pool.shutdownNow();
		}
	}
}
