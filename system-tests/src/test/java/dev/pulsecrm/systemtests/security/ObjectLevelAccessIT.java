package dev.pulsecrm.systemtests.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.systemtests.Api;
import dev.pulsecrm.systemtests.PlatformProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object-level rules end to end (OWASP API1, broken object-level authorization): a sales rep changes only deals of
 * their own or their team's, a support agent only tickets assigned to them or their team; managers read everything
 * and change nothing; other departments and callers without a valid token get nowhere; and the audit log, readable by
 * ADMIN only, shows who changed a deal and how.
 */
class ObjectLevelAccessIT {

	static PlatformProcesses platform;

	/** user A: SALES in team t1, owns the deal */
	static Api alice;

	/** user B: SALES in another team */
	static Api bob;

	/** user C: SALES in A's team */
	static Api carol;

	static Api manager;

	static Api admin;

	static Api marketer;

	@BeforeAll
	static void users() {
		platform = PlatformProcesses.shared();
		alice = platform.api("SALES", "ola-alice", "ola-t1");
		bob = platform.api("SALES", "ola-bob", "ola-t2");
		carol = platform.api("SALES", "ola-carol", "ola-t1");
		manager = platform.api("MANAGER", "ola-max", null);
		admin = platform.api("ADMIN", "ola-ada", null);
		marketer = platform.api("MARKETING", "ola-mia", "ola-m1");
	}

	@Test
	void aDealIsChangedOnlyByItsOwnerOrTheOwnersTeamAndTheAuditLogShowsWhoChangedIt() {
		String account = created(alice.post("/api/sales/accounts", Map.of("name", "Object Level Ltd", "industry",
				"Software", "region", "EMEA", "segment", "SMB", "ownerId", "ola-alice", "team", "ola-t1")));
		String deal = created(alice.post("/api/sales/deals", Map.of("accountId", account, "name", "Guarded deal",
				"ownerId", "ola-alice", "team", "ola-t1", "type", "NEW_BUSINESS", "amount",
				Map.of("amount", "5000.00", "currency", "USD"))));
		String path = "/api/sales/deals/" + deal;
		String asCreated = alice.get(path).text();

		// B, of another team, can read the deal (sales reads the pipeline) but change nothing of it
		assertThat(bob.get(path).status()).isEqualTo(200);
		assertObjectLevelRefusal(bob.post(path + "/stage", Map.of("stage", "PROPOSAL")));
		assertObjectLevelRefusal(bob.post(path + "/lose", Map.of("reason", "taken over")));
		assertObjectLevelRefusal(bob.post(path + "/win", Map.of()));
		// nor create a deal in A's name
		assertObjectLevelRefusal(bob.post("/api/sales/deals", Map.of("accountId", account, "name", "Forged", "ownerId",
				"ola-alice", "team", "ola-t1", "type", "UPSELL", "amount", Map.of("amount", "1.00", "currency", "USD"))));
		// straight to the service (bypassing the gateway) the service's own rule refuses too
		Api bobDirect = new Api(platform.direct("sales-service")).withHeader("Authorization",
				"Bearer " + platform.token("SALES", "ola-bob", "ola-t2"));
		assertObjectLevelRefusal(bobDirect.post(path + "/stage", Map.of("stage", "PROPOSAL")));
		assertThat(alice.get(path).text()).as("the deal after B's attempts").isEqualTo(asCreated);

		// C, of A's team, may
		Api.Response moved = carol.post(path + "/stage", Map.of("stage", "NEEDS_ANALYSIS"));
		assertThat(moved.status()).as(moved.text()).isEqualTo(200);
		assertThat(moved.json().get("stage").asString()).isEqualTo("NEEDS_ANALYSIS");
		String afterCarol = alice.get(path).text();

		// a manager reads but does not write: the gateway refuses the role
		assertThat(manager.get(path).status()).isEqualTo(200);
		assertThat(manager.get("/api/sales/deals?ownerId=ola-alice").json().get("total").asInt()).isEqualTo(1);
		assertRoleRefusal(manager.post(path + "/stage", Map.of("stage", "PROPOSAL")));
		assertRoleRefusal(manager.post(path + "/lose", Map.of("reason", "manager says no")));
		assertThat(alice.get(path).text()).as("the deal after the manager's attempts").isEqualTo(afterCarol);

		// the audit log: ADMIN only; it shows A's create and C's move with the stage before and after
		assertRoleRefusal(alice.get("/api/sales/audit?entityId=" + deal));
		assertRoleRefusal(manager.get("/api/sales/audit?entityId=" + deal));
		Api.Response audit = admin.get("/api/sales/audit?entityId=" + deal);
		assertThat(audit.status()).as(audit.text()).isEqualTo(200);
		List<JsonNode> entries = new ArrayList<>();
		audit.json().get("items").forEach(entries::add);
		assertThat(entries).as(audit.text()).hasSize(2);
		JsonNode update = entries.get(0); // newest first
		assertThat(update.get("action").asString()).isEqualTo("UPDATE");
		assertThat(update.get("actor").asString()).isEqualTo("ola-carol");
		assertThat(update.get("collection").asString()).isEqualTo("deals");
		assertThat(update.get("entityId").asString()).isEqualTo(deal);
		assertThat(update.get("at").asString()).isNotBlank();
		assertThat(update.get("before").get("stage").asString()).isEqualTo("QUALIFICATION");
		assertThat(update.get("after").get("stage").asString()).isEqualTo("NEEDS_ANALYSIS");
		JsonNode create = entries.get(1);
		assertThat(create.get("action").asString()).isEqualTo("CREATE");
		assertThat(create.get("actor").asString()).isEqualTo("ola-alice");
		assertThat(create.get("after").get("ownerId").asString()).isEqualTo("ola-alice");
		assertThat(audit.text()).as("refused attempts leave no trace").doesNotContain("ola-bob", "ola-max");
	}

	@Test
	void aTicketIsChangedOnlyByItsAgentOrTheAgentsTeam() {
		Api sam = platform.api("SUPPORT", "ola-sam", "ola-s1");
		Api sue = platform.api("SUPPORT", "ola-sue", "ola-s2");
		Api stan = platform.api("SUPPORT", "ola-stan", "ola-s1");
		String ticket = created(sam.post("/api/support/tickets", Map.of("accountId", "ola-account", "subject",
				"Cannot log in", "priority", "HIGH", "channel", "EMAIL", "assigneeId", "ola-sam", "team", "ola-s1")));
		String path = "/api/support/tickets/" + ticket;
		String asCreated = sam.get(path).text();

		// an agent of another team reads the desk's tickets but cannot work or take over this one
		assertThat(sue.get(path).status()).isEqualTo(200);
		assertObjectLevelRefusal(sue.post(path + "/reply", Map.of("agentId", "ola-sue", "public", true)));
		assertObjectLevelRefusal(sue.post(path + "/resolve", Map.of()));
		assertObjectLevelRefusal(sue.post(path + "/assign", Map.of("assigneeId", "ola-sue", "team", "ola-s2")));
		assertThat(sam.get(path).text()).as("the ticket after the other team's attempts").isEqualTo(asCreated);

		// a manager reads, and may not write
		assertThat(manager.get(path).status()).isEqualTo(200);
		assertRoleRefusal(manager.post(path + "/resolve", Map.of()));
		// a sales rep is not support
		assertRoleRefusal(platform.api("SALES", "ola-alice", "ola-t1").post(path + "/resolve", Map.of()));
		assertThat(sam.get(path).text()).isEqualTo(asCreated);

		// a team mate may work it
		Api.Response replied = stan.post(path + "/reply", Map.of("agentId", "ola-stan", "public", true));
		assertThat(replied.status()).as(replied.text()).isEqualTo(200);
		assertThat(replied.json().get("status").asString()).isEqualTo("PENDING");
		Api.Response resolved = stan.post(path + "/resolve", Map.of());
		assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
		assertThat(resolved.json().get("status").asString()).isEqualTo("RESOLVED");

		// an unassigned ticket belongs to the whole desk: anyone in support may pick it up, and then it is theirs
		String queued = created(sam.post("/api/support/tickets", Map.of("accountId", "ola-account", "subject",
				"Slow reports", "priority", "LOW", "channel", "WEB")));
		Api.Response picked = sue.post("/api/support/tickets/" + queued + "/assign",
				Map.of("assigneeId", "ola-sue", "team", "ola-s2"));
		assertThat(picked.status()).as(picked.text()).isEqualTo(200);
		assertObjectLevelRefusal(sam.post("/api/support/tickets/" + queued + "/resolve", Map.of()));
	}

	@Test
	void otherDepartmentsAndCallersWithoutAValidTokenGetNowhere() {
		Api.Response deals = marketer.get("/api/sales/deals");
		assertRoleRefusal(deals);
		assertRoleRefusal(marketer.post("/api/sales/accounts", Map.of("name", "Sneaky", "ownerId", "ola-mia")));
		assertRoleRefusal(marketer.get("/api/support/tickets"));
		assertRoleRefusal(marketer.get("/api/kpis"));

		Api anonymous = new Api(platform.gateway());
		assertProblem(anonymous.get("/api/sales/deals"), 401);
		assertProblem(anonymous.post("/api/sales/accounts", Map.of("name", "Anonymous", "ownerId", "nobody")), 401);
		assertProblem(anonymous.get("/api/kpis"), 401);

		String token = platform.token("SALES", "ola-alice", "ola-t1");
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
		assertProblem(new Api(platform.gateway()).withHeader("Authorization", "Bearer " + forged)
			.get("/api/sales/deals"), 401);
		assertProblem(new Api(platform.gateway()).withHeader("Authorization", "Bearer not-a-jwt")
			.get("/api/sales/deals"), 401);
		// the services check the token themselves: going around the gateway does not help
		assertProblem(new Api(platform.direct("sales-service")).get("/api/sales/deals"), 401);
		assertProblem(new Api(platform.direct("sales-service")).withHeader("Authorization", "Bearer " + forged)
			.get("/api/sales/deals"), 401);
		assertProblem(new Api(platform.direct("sales-service"))
			.withHeader("Authorization", "Bearer " + platform.token("MARKETING", "ola-mia", "ola-m1"))
			.get("/api/sales/deals"), 403);
	}

	/** 403 from the object-level rule: the role may use the route, but not on this record. */
	static void assertObjectLevelRefusal(Api.Response response) {
		assertProblem(response, 403);
		assertThat(response.json().get("detail").asString()).as(response.text()).startsWith("only the owner");
	}

	/** 403 from the route rules (gateway, or the service's own check when called directly). */
	static void assertRoleRefusal(Api.Response response) {
		assertProblem(response, 403);
		assertThat(response.json().get("detail").asString()).as(response.text())
			.isEqualTo("your role does not allow this request");
	}

	static void assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.isProblem()).as(response.contentType()).isTrue();
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.json().get("title").asString()).isNotBlank();
		assertThat(response.json().get("detail").asString()).isNotBlank();
	}

	static String created(Api.Response response) {
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.id();
	}
}
