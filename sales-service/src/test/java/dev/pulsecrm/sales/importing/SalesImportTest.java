package dev.pulsecrm.sales.importing;

import java.util.List;

import dev.pulsecrm.sales.SalesServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

class SalesImportTest extends SalesServiceTest {

	private JsonNode importLines(MediaType type, String... lines) {
		return perform(post("/api/sales/import").contentType(type).content(String.join("\n", lines)), 200);
	}

	private static List<Integer> statuses(JsonNode report) {
		return report.get("results").valueStream().map((result) -> result.get("status").asInt()).toList();
	}

	@Test
	void everyLineTypeIsImportedAndTheAccountLifecycleFollowsFromWinsAndChurns() {
		String a = unique("imp-a");
		String d = unique("imp-d");
		String d2 = unique("imp-d");
		String[] lines = {
				"{\"type\": \"account\", \"name\": \"Acme\", \"ownerId\": \"ann\", \"team\": \"east\", \"region\": \"EMEA\", "
						+ "\"externalId\": \"" + a + "\", \"createdAt\": \"2020-01-01T00:00:00Z\"}",
				"{\"type\": \"deal\", \"accountExternalId\": \"" + a + "\", \"name\": \"D\", \"ownerId\": \"ann\", "
						+ "\"amount\": {\"amount\": \"100.00\", \"currency\": \"USD\"}, \"dealType\": \"NEW_BUSINESS\", "
						+ "\"externalId\": \"" + d + "\", \"stageHistory\": [{\"stage\": \"QUALIFICATION\", "
						+ "\"enteredAt\": \"2020-02-01T00:00:00Z\"}, {\"stage\": \"PROPOSAL\", "
						+ "\"enteredAt\": \"2020-02-05T00:00:00Z\"}], \"wonAt\": \"2020-02-10T00:00:00Z\", "
						+ "\"finalAmount\": {\"amount\": \"120.00\", \"currency\": \"USD\"}}",
				"{\"type\": \"deal\", \"accountExternalId\": \"" + a + "\", \"name\": \"D2\", \"ownerId\": \"ann\", "
						+ "\"amount\": {\"amount\": 5}, \"dealType\": \"UPSELL\", \"externalId\": \"" + d2 + "\", "
						+ "\"createdAt\": \"2020-03-01T00:00:00Z\"}",
				"{\"type\": \"stage\", \"dealExternalId\": \"" + d2 + "\", \"stage\": \"NEGOTIATION\", "
						+ "\"at\": \"2020-03-02T00:00:00Z\"}",
				"{\"type\": \"lose\", \"dealExternalId\": \"" + d2 + "\", \"reason\": \"price\", "
						+ "\"at\": \"2020-03-03T00:00:00Z\"}",
				"{\"type\": \"churn\", \"accountExternalId\": \"" + a + "\", \"reason\": \"budget\", "
						+ "\"at\": \"2020-06-01T00:00:00Z\"}",
				"{\"type\": \"activity\", \"activityType\": \"MEETING\", \"subject\": \"Kick-off\", \"ownerId\": \"ann\", "
						+ "\"dealExternalId\": \"" + d + "\", \"createdAt\": \"2020-02-01T00:00:00Z\"}" };
		JsonNode report = importLines(MediaType.parseMediaType("application/x-ndjson"), lines);
		assertThat(report.get("imported").asInt()).isEqualTo(7);
		assertThat(statuses(report)).containsOnly(201);

		String accountId = report.get("results").get(0).get("id").asString();
		JsonNode account = getJson("/api/sales/accounts/" + accountId, 200);
		assertThat(account.get("customerSince").asString()).isEqualTo("2020-02-10T00:00:00Z");
		assertThat(account.get("status").asString()).isEqualTo("CHURNED");
		JsonNode deal = getJson("/api/sales/deals/" + report.get("results").get(1).get("id").asString(), 200);
		assertThat(deal.get("status").asString()).isEqualTo("WON");
		assertThat(deal.get("amount").get("amount").decimalValue()).isEqualByComparingTo("120.00");
		assertThat(deal.get("stageHistory").size()).isEqualTo(2);
		assertThat(deal.get("stageHistory").get(0).get("exitedAt").asString()).isEqualTo("2020-02-05T00:00:00Z");
		assertThat(deal.get("stageHistory").get(1).get("exitedAt").asString()).isEqualTo("2020-02-10T00:00:00Z");
		assertThat(deal.get("createdAt").asString()).isEqualTo("2020-02-01T00:00:00Z");
		JsonNode lost = getJson("/api/sales/deals/" + report.get("results").get(2).get("id").asString(), 200);
		assertThat(lost.get("lossReason").asString()).isEqualTo("price");
		assertThat(lost.get("stageHistory").size()).isEqualTo(2);

		// re-running the same file changes nothing and says so
		JsonNode again = importLines(MediaType.TEXT_PLAIN, lines);
		assertThat(statuses(again).subList(0, 6)).containsOnly(200);
		assertThat(getJson("/api/sales/deals?accountId=" + accountId, 200).get("total").asLong()).isEqualTo(2);
		assertThat(getJson("/api/sales/deals/" + deal.get("id").asString(), 200)).isEqualTo(deal);
	}

	@Test
	void aDealWithABadHistoryIsRefusedWholeAndNothingOfItIsWritten() {
		String a = unique("imp-a");
		String account = "{\"type\": \"account\", \"name\": \"Acme\", \"ownerId\": \"ann\", \"externalId\": \"" + a
				+ "\", \"createdAt\": \"2020-01-01T00:00:00Z\"}";
		String deal = "{\"type\": \"deal\", \"accountExternalId\": \"" + a + "\", \"name\": \"D\", \"ownerId\": \"ann\", "
				+ "\"amount\": {\"amount\": 1}, \"dealType\": \"NEW_BUSINESS\", %s}";
		String q = "{\"stage\": \"QUALIFICATION\", \"enteredAt\": \"2020-02-01T00:00:00Z\"}";
		JsonNode report = importLines(MediaType.parseMediaType("application/x-ndjson"), account,
				// out of order
				deal.formatted("\"stageHistory\": [" + q
						+ ", {\"stage\": \"PROPOSAL\", \"enteredAt\": \"2020-01-15T00:00:00Z\"}]"),
				// unknown stage
				deal.formatted("\"stageHistory\": [" + q
						+ ", {\"stage\": \"DREAMING\", \"enteredAt\": \"2020-02-15T00:00:00Z\"}]"),
				// the same stage twice in a row
				deal.formatted("\"stageHistory\": [" + q
						+ ", {\"stage\": \"QUALIFICATION\", \"enteredAt\": \"2020-02-15T00:00:00Z\"}]"),
				// won and lost
				deal.formatted("\"stageHistory\": [" + q + "], \"wonAt\": \"2020-03-01T00:00:00Z\", "
						+ "\"lostAt\": \"2020-03-01T00:00:00Z\", \"lossReason\": \"x\""),
				// won before the last stage entry
				deal.formatted("\"stageHistory\": [" + q + "], \"wonAt\": \"2020-01-20T00:00:00Z\""),
				// lost without a reason
				deal.formatted("\"stageHistory\": [" + q + "], \"lostAt\": \"2020-03-01T00:00:00Z\""),
				// won in the future
				deal.formatted("\"stageHistory\": [" + q + "], \"wonAt\": \"2999-03-01T00:00:00Z\""),
				// createdAt disagrees with the first entry
				deal.formatted("\"createdAt\": \"2020-01-05T00:00:00Z\", \"stageHistory\": [" + q + "]"),
				// unknown account
				deal.formatted("\"stageHistory\": [" + q + "]").replace(a, "no-such-account"),
				// not JSON, no type, unknown type, missing required field
				"{not json", "{\"name\": \"x\"}", "{\"type\": \"planet\"}",
				"{\"type\": \"deal\", \"accountExternalId\": \"" + a + "\"}");
		assertThat(statuses(report)).containsExactly(201, 422, 422, 422, 422, 422, 422, 422, 422, 422, 400, 400, 400,
				400);
		assertThat(report.get("failed").asInt()).isEqualTo(13);
		assertThat(report.get("results").get(1).get("error").asString()).contains("stageHistory[1].enteredAt");
		String accountId = report.get("results").get(0).get("id").asString();
		assertThat(getJson("/api/sales/deals?accountId=" + accountId, 200).get("total").asLong()).isZero();
		assertThat(getJson("/api/sales/accounts/" + accountId, 200).get("status").asString()).isEqualTo("PROSPECT");
	}

	@Test
	void stateChangeLinesObeyTheSameRulesAsTheRestCommands() {
		String a = unique("imp-a");
		String d = unique("imp-d");
		JsonNode report = importLines(MediaType.APPLICATION_JSON,
				"{\"type\": \"account\", \"name\": \"Acme\", \"ownerId\": \"ann\", \"externalId\": \"" + a + "\"}",
				"{\"type\": \"deal\", \"accountExternalId\": \"" + a + "\", \"name\": \"D\", \"ownerId\": \"ann\", "
						+ "\"amount\": {\"amount\": 1}, \"dealType\": \"NEW_BUSINESS\", \"externalId\": \"" + d + "\", "
						+ "\"createdAt\": \"2020-01-01T00:00:00Z\"}",
				"{\"type\": \"churn\", \"accountExternalId\": \"" + a + "\", \"reason\": \"x\", "
						+ "\"at\": \"2020-02-01T00:00:00Z\"}",
				"{\"type\": \"stage\", \"dealExternalId\": \"" + d + "\", \"stage\": \"PROPOSAL\", "
						+ "\"at\": \"2019-12-01T00:00:00Z\"}",
				"{\"type\": \"win\", \"dealExternalId\": \"" + d + "\", \"at\": \"2020-01-10T00:00:00Z\"}",
				"{\"type\": \"lose\", \"dealExternalId\": \"" + d + "\", \"reason\": \"x\", "
						+ "\"at\": \"2020-01-11T00:00:00Z\"}",
				"{\"type\": \"win\", \"dealExternalId\": \"nope\", \"at\": \"2020-01-10T00:00:00Z\"}",
				"{\"type\": \"churn\", \"accountExternalId\": \"" + a + "\", \"reason\": \"x\", "
						+ "\"at\": \"2020-02-01T00:00:00Z\"}");
		// churn of a prospect 409; move before creation 422; win 201; lose a won deal 409; unknown deal 422;
		// churn once a customer 201
		assertThat(statuses(report)).containsExactly(201, 201, 409, 422, 201, 409, 422, 201);
	}
}
