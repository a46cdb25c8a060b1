package dev.pulsecrm.sales.activity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.sales.SalesServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityApiTest extends SalesServiceTest {

	private JsonNode createActivity(String owner, String extra, int status) {
		return postJson("/api/sales/activities", """
				{"type": "CALL", "subject": "Follow up", "ownerId": "%s"%s}""".formatted(owner, extra), status);
	}

	@Test
	void anActivityAboutADealIsAlsoAboutItsAccount() {
		String team = unique("team");
		String accountId = createAccount("ann", team);
		String dealId = createDeal(accountId, "ann", team, "2025-01-01T00:00:00Z");
		JsonNode activity = createActivity(unique("owner"), ", \"dealId\": \"" + dealId + "\"", 201);
		assertThat(activity.get("accountId").asString()).isEqualTo(accountId);
		assertThat(getJson("/api/sales/activities?dealId=" + dealId, 200).get("total").asLong()).isEqualTo(1);
		assertThat(getJson("/api/sales/activities?accountId=" + accountId, 200).get("total").asLong()).isEqualTo(1);
	}

	@Test
	void aReferenceToAMissingDealOrAccountIsInvalidAndNothingIsCreated() {
		String owner = unique("owner");
		createActivity(owner, ", \"dealId\": \"nope\"", 422);
		createActivity(owner, ", \"accountId\": \"nope\"", 422);
		String team = unique("team");
		String dealId = createDeal(createAccount("ann", team), "ann", team, "2025-01-01T00:00:00Z");
		String otherAccount = createAccount("ann", team);
		createActivity(owner, ", \"dealId\": \"" + dealId + "\", \"accountId\": \"" + otherAccount + "\"", 422);
		createActivity(owner, ", \"completedAt\": \"2999-01-01T00:00:00Z\"", 422);
		postJson("/api/sales/activities", "{\"type\": \"FAX\", \"subject\": \"x\", \"ownerId\": \"x\"}", 400);
		assertThat(getJson("/api/sales/activities?ownerId=" + owner, 200).get("total").asLong()).isZero();
	}

	@Test
	void overdueMeansDueBeforeNowAndNotCompleted() {
		String owner = unique("owner");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String overdue = createActivity(owner, ", \"dueAt\": \"" + now.minusSeconds(3600) + "\"", 201).get("id")
			.asString();
		createActivity(owner, ", \"dueAt\": \"" + now.plusSeconds(86_400) + "\"", 201);
		createActivity(owner, ", \"dueAt\": \"" + now.minusSeconds(7200) + "\", \"completedAt\": \""
				+ now.minusSeconds(60) + "\", \"createdAt\": \"" + now.minusSeconds(10_800) + "\"", 201);
		createActivity(owner, "", 201);
		JsonNode due = getJson("/api/sales/activities?overdue=true&ownerId=" + owner, 200);
		assertThat(due.get("total").asLong()).isEqualTo(1);
		assertThat(due.get("items").get(0).get("id").asString()).isEqualTo(overdue);
		assertThat(getJson("/api/sales/activities?overdue=false&ownerId=" + owner, 200).get("total").asLong())
			.isEqualTo(3);

		JsonNode completed = postJson("/api/sales/activities/" + overdue + "/complete", "{}", 200);
		assertThat(completed.get("completedAt").isNull()).isFalse();
		assertThat(getJson("/api/sales/activities?overdue=true&ownerId=" + owner, 200).get("total").asLong())
			.isZero();
	}

	@Test
	void anActivityIsCompletedOnceAndOnlyByItsOwner() {
		String owner = unique("owner");
		String id = createActivity(owner, "", 201).get("id").asString();
		this.caller.actAs(new Caller("mallory", "x", Set.of("SALES")));
		postJson("/api/sales/activities/" + id + "/complete", "{}", 403);
		this.caller.actAs(Caller.SYSTEM);
		assertThat(getJson("/api/sales/activities/" + id, 200).get("completedAt").isNull()).isTrue();
		JsonNode done = postJson("/api/sales/activities/" + id + "/complete", "{\"at\": \"2999-01-01T00:00:00Z\"}", 422);
		assertThat(done.get("status").asInt()).isEqualTo(422);
		String completedAt = postJson("/api/sales/activities/" + id + "/complete", "{}", 200).get("completedAt")
			.asString();
		postJson("/api/sales/activities/" + id + "/complete", "{}", 409);
		assertThat(getJson("/api/sales/activities/" + id, 200).get("completedAt").asString()).isEqualTo(completedAt);
		postJson("/api/sales/activities/nope/complete", "{}", 404);
	}

	@Test
	void aSecondCreateWithTheSameExternalIdReturnsTheFirstActivity() {
		String owner = unique("owner");
		String extra = ", \"externalId\": \"" + unique("act") + "\"";
		String first = createActivity(owner, extra, 201).get("id").asString();
		assertThat(createActivity(owner, extra, 200).get("id").asString()).isEqualTo(first);
		assertThat(getJson("/api/sales/activities?ownerId=" + owner + "&size=1", 200).get("total").asLong())
			.isEqualTo(1);
	}
}
