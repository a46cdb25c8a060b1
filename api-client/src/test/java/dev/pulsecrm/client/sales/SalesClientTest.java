package dev.pulsecrm.client.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.client.ApiProblemException;
import dev.pulsecrm.client.FakeGatewayTest;
import dev.pulsecrm.client.IdempotencyKey;
import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.Money;
import dev.pulsecrm.client.Page;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SalesClientTest extends FakeGatewayTest {

	@Autowired
	SalesClient sales;

	@Test
	void creatingAnAccountPostsTheApiFieldsWithTheBearerToken() {
		gateway.replyJson(201, """
				{"id":"a1","externalId":"ext-1","name":"Acme","industry":"Retail","region":"EMEA","segment":"SMB",
				 "ownerId":"u1","team":"emea","status":"CUSTOMER","createdAt":"2026-01-02T03:04:05Z",
				 "customerSince":"2026-02-01T00:00:00Z","churnedAt":null,"somethingNew":42}""");

		Account account = this.sales.createAccount(new CreateAccount("Acme", "Retail", "EMEA", "SMB", "u1", "emea",
				"ext-1", Instant.parse("2026-01-02T03:04:05Z")));

		var request = gateway.request();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/sales/accounts");
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(request.header("Idempotency-Key")).isNull();
		JsonNode body = jsonOf(request.body());
		assertThat(body.get("name").asString()).isEqualTo("Acme");
		assertThat(body.get("ownerId").asString()).isEqualTo("u1");
		assertThat(body.get("externalId").asString()).isEqualTo("ext-1");
		assertThat(body.get("createdAt").asString()).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(account.id()).isEqualTo("a1");
		assertThat(account.status()).isEqualTo(AccountStatus.CUSTOMER);
		assertThat(account.customerSince()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(account.churnedAt()).isNull();
	}

	@Test
	void listingDealsSendsOnlyTheGivenFiltersAndReadsThePageWithStageHistory() {
		gateway.replyJson(200, """
				{"items":[{"id":"d1","accountId":"a1","name":"Big one","ownerId":"u1","team":"emea",
				  "amount":{"amount":1234.50,"currency":"EUR"},"type":"UPSELL","status":"WON","stage":"NEGOTIATION",
				  "expectedCloseDate":"2026-03-31","createdAt":"2026-01-01T00:00:00Z",
				  "stageHistory":[{"stage":"QUALIFICATION","enteredAt":"2026-01-01T00:00:00Z","exitedAt":"2026-01-05T00:00:00Z"},
				                  {"stage":"NEGOTIATION","enteredAt":"2026-01-05T00:00:00Z","exitedAt":"2026-02-01T00:00:00Z"}],
				  "wonAt":"2026-02-01T00:00:00Z","lostAt":null,"lossReason":null}],
				 "page":1,"size":10,"total":11}""");

		Page<Deal> page = this.sales.listDeals(DealStatus.WON, null, null, "emea", null, 1, 10);

		var request = gateway.request();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/api/sales/deals");
		assertThat(request.singleQuery()).isEqualTo(Map.of("status", "WON", "team", "emea", "page", "1", "size", "10"));
		assertThat(page.total()).isEqualTo(11);
		assertThat(page.page()).isEqualTo(1);
		Deal deal = page.items().get(0);
		assertThat(deal.amount()).isEqualTo(new Money(new BigDecimal("1234.50"), "EUR"));
		assertThat(deal.type()).isEqualTo(DealType.UPSELL);
		assertThat(deal.expectedCloseDate()).isEqualTo(LocalDate.of(2026, 3, 31));
		assertThat(deal.stageHistory()).extracting(StageVisit::stage).containsExactly("QUALIFICATION", "NEGOTIATION");
		assertThat(deal.stageHistory().get(1).exitedAt()).isEqualTo(deal.wonAt());
	}

	@Test
	void winningADealInsideAnIdempotencyKeySendsTheKeyAndTheFinalAmount() {
		gateway.replyJson(200, "{\"id\":\"d1\",\"status\":\"WON\"}");

		Deal deal = IdempotencyKey.with("win-d1", () -> this.sales.winDeal("d1",
				new WinDeal(Instant.parse("2026-02-01T10:00:00Z"), Money.usd("900.00"))));

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/sales/deals/d1/win");
		assertThat(request.header("Idempotency-Key")).isEqualTo("win-d1");
		JsonNode body = jsonOf(request.body());
		assertThat(body.get("at").asString()).isEqualTo("2026-02-01T10:00:00Z");
		assertThat(body.get("amount").get("amount").decimalValue()).isEqualByComparingTo("900.00");
		assertThat(body.get("amount").get("currency").asString()).isEqualTo("USD");
		assertThat(deal.status()).isEqualTo(DealStatus.WON);
		assertThat(IdempotencyKey.current()).isNull();
	}

	@Test
	void movingLosingAndChurningPostToTheirOwnPaths() {
		gateway.replyJson(200, "{\"id\":\"d1\",\"stage\":\"PROPOSAL\"}");
		gateway.replyJson(200, "{\"id\":\"d2\",\"status\":\"LOST\",\"lossReason\":\"price\"}");
		gateway.replyJson(200, "{\"id\":\"a1\",\"status\":\"CHURNED\"}");

		this.sales.moveDeal("d1", new MoveDeal("PROPOSAL", null));
		Deal lost = this.sales.loseDeal("d2", new LoseDeal("price", Instant.parse("2026-01-01T00:00:00Z")));
		Account churned = this.sales.churn("a1", new ChurnAccount("budget cut", null));

		var move = gateway.request();
		assertThat(move.path()).isEqualTo("/api/sales/deals/d1/stage");
		assertThat(jsonOf(move.body()).get("stage").asString()).isEqualTo("PROPOSAL");
		var lose = gateway.request();
		assertThat(lose.path()).isEqualTo("/api/sales/deals/d2/lose");
		assertThat(jsonOf(lose.body()).get("reason").asString()).isEqualTo("price");
		var churn = gateway.request();
		assertThat(churn.path()).isEqualTo("/api/sales/accounts/a1/churn");
		assertThat(jsonOf(churn.body()).get("reason").asString()).isEqualTo("budget cut");
		assertThat(lost.lossReason()).isEqualTo("price");
		assertThat(churned.status()).isEqualTo(AccountStatus.CHURNED);
	}

	@Test
	void aMoveFromTheStageTheCallerSawSendsFromStageAndItsConflictIsAProblemDocument() {
		gateway.replyJson(200, "{\"id\":\"d1\",\"stage\":\"PROPOSAL\"}");
		gateway.reply(409, "application/problem+json", """
				{"type":"about:blank","title":"Conflict","status":409,
				 "detail":"deal d1 is in stage PROPOSAL, not QUALIFICATION"}""");

		Deal moved = this.sales.moveDeal("d1", new MoveDeal("PROPOSAL", null, "QUALIFICATION"));
		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> this.sales.moveDeal("d1", new MoveDeal("NEGOTIATION", null, "QUALIFICATION")))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(409);
				assertThat(problem.isProblemDocument()).isTrue();
				assertThat(problem.contentType()).startsWith("application/problem+json");
			});

		JsonNode first = jsonOf(gateway.request().body());
		assertThat(first.get("stage").asString()).isEqualTo("PROPOSAL");
		assertThat(first.get("fromStage").asString()).isEqualTo("QUALIFICATION");
		assertThat(jsonOf(gateway.request().body()).get("fromStage").asString()).isEqualTo("QUALIFICATION");
		assertThat(moved.stage()).isEqualTo("PROPOSAL");
		assertThat(new MoveDeal("WON", null).fromStage()).as("the two-field move moves from anywhere").isNull();
	}

	@Test
	void importingSendsTheNdjsonAsItIsAndReadsEveryLineResult() {
		gateway.replyJson(200, """
				{"lines":2,"imported":1,"failed":1,"results":[
				  {"line":1,"type":"account","status":201,"id":"a1","error":null},
				  {"line":2,"type":"deal","status":422,"id":null,"error":"no account has externalId x"}]}""");
		String ndjson = "{\"type\":\"account\",\"name\":\"Acme\",\"ownerId\":\"u1\"}\n"
				+ "{\"type\":\"deal\",\"accountExternalId\":\"x\"}\n";

		ImportReport report = this.sales.importLines(ndjson);

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/sales/import");
		assertThat(request.header("Content-Type")).startsWith("application/x-ndjson");
		assertThat(request.body()).isEqualTo(ndjson);
		assertThat(report.imported()).isEqualTo(1);
		assertThat(report.refused()).singleElement().satisfies((line) -> {
			assertThat(line.line()).isEqualTo(2);
			assertThat(line.status()).isEqualTo(422);
			assertThat(line.error()).contains("externalId x");
		});
	}

	@Test
	void readingThePipelineAndTheForecastDecodesStagesAndMonths() {
		gateway.replyJson(200, """
				{"stages":[{"key":"QUALIFICATION","name":"Qualification","order":1,"probability":0.1}]}""");
		gateway.replyJson(200, """
				[{"month":"2026-03","deals":2,"amount":{"amount":100.00,"currency":"USD"},
				  "weightedAmount":{"amount":50.00,"currency":"USD"}}]""");

		Pipeline pipeline = this.sales.getPipeline();
		List<ForecastMonth> forecast = this.sales.forecast(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));

		gateway.request();
		var forecastRequest = gateway.request();
		assertThat(forecastRequest.path()).isEqualTo("/api/sales/forecast");
		assertThat(forecastRequest.singleQuery()).isEqualTo(Map.of("from", "2026-03-01", "to", "2026-04-01"));
		assertThat(pipeline.stages()).singleElement().satisfies((stage) -> {
			assertThat(stage.key()).isEqualTo("QUALIFICATION");
			assertThat(stage.probability()).isEqualTo(0.1);
		});
		assertThat(forecast.get(0).weightedAmount()).isEqualTo(Money.usd("50.00"));
	}

	@Test
	void anIllegalStateChangeBecomesATypedProblemWithItsStatusTitleAndDetail() {
		gateway.reply(409, "application/problem+json", """
				{"type":"https://pulsecrm.dev/problems/409","title":"Conflict","status":409,
				 "detail":"cannot win deal d1: it is LOST"}""");

		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> this.sales.winDeal("d1", new WinDeal(null, null)))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(409);
				assertThat(problem.title()).isEqualTo("Conflict");
				assertThat(problem.detail()).isEqualTo("cannot win deal d1: it is LOST");
				assertThat(problem.type()).isEqualTo("https://pulsecrm.dev/problems/409");
				assertThat(problem.errors()).isEmpty();
				assertThat(problem.isProblemDocument()).isTrue();
			});
	}

	@Test
	void aValidationProblemCarriesItsFieldErrors() {
		gateway.reply(400, "application/problem+json", """
				{"title":"Bad Request","status":400,"detail":"the request has invalid fields",
				 "errors":[{"field":"name","message":"must not be blank"},{"field":"ownerId","message":"must not be blank"}]}""");

		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> this.sales.createAccount(new CreateAccount("", null, null, null, "", null, null, null)))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(400);
				assertThat(problem.errors()).containsExactly(
						new ApiProblemException.FieldError("name", "must not be blank"),
						new ApiProblemException.FieldError("ownerId", "must not be blank"));
				assertThat(problem.getMessage()).contains("name: must not be blank");
			});
	}

	@Test
	void anUnknownIdWithoutABodyIsAProblemWithItsStatus() {
		gateway.reply(404, null, "");

		assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> this.sales.getDeal("nope"))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(404);
				assertThat(problem.detail()).isNull();
				assertThat(problem.isProblemDocument()).isFalse();
			});
	}

	@Test
	void aProxyErrorPageKeepsItsTextAsTheDetail() {
		gateway.reply(502, "text/html", "<html>bad gateway</html>");

		assertThatExceptionOfType(ApiProblemException.class).isThrownBy(() -> this.sales.getAccount("a1"))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(502);
				assertThat(problem.detail()).isEqualTo("<html>bad gateway</html>");
				assertThat(problem.contentType()).isEqualTo("text/html");
				assertThat(problem.isProblemDocument()).as("an error page, not the platform's problem").isFalse();
			});
	}
}
