package dev.pulsecrm.systemtests.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.pulsecrm.systemtests.Api;
import dev.pulsecrm.systemtests.PlatformProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the three domain services and the KPI service, through the gateway as department apps call
 * it (and straight to a service where a request may bypass the gateway). Every case must get its 4xx status with an
 * RFC 9457 problem body ({@code status}, {@code title}, {@code detail}, and {@code errors[].field} naming the field
 * at fault), must not leak a stack trace or Java class names, and must change nothing: every service's audit log
 * (which records every document save), every collection's size and the fixture records read back are the same
 * before and after.
 */
class HostileInputIT {

	static final JsonMapper json = JsonMapper.builder().build();

	/** What must never reach a client: stack frames, exception and Java type names, parser internals. */
	static final Pattern INTERNALS = Pattern.compile("(?i)exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\."
			+ "|jakarta\\.|tools\\.jackson|com\\.fasterxml|org\\.springframework|dev\\.pulsecrm|JsonToken"
			+ "|StreamReadConstraints|JsonReadFeature|DeserializationFeature|mongo");

	static final String FUTURE = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

	static final String PAST = "2024-05-06T07:08:09Z";

	static PlatformProcesses platform;

	static Api sales;

	static Api marketing;

	static Api support;

	static Api manager;

	static Api admin;

	static String account;

	static String openDeal;

	static String lostDeal;

	static String campaign;

	static String lead;

	static String disqualifiedLead;

	static String ticket;

	@BeforeAll
	static void fixture() {
		platform = PlatformProcesses.shared();
		sales = platform.api("SALES", "hostile-rep", "hostile-team");
		marketing = platform.api("MARKETING", "hostile-marketer", "hostile-mkt");
		support = platform.api("SUPPORT", "hostile-agent", "hostile-desk");
		manager = platform.api("MANAGER", "hostile-manager", null);
		admin = platform.api("ADMIN", "hostile-admin", null);

		account = created(sales.post("/api/sales/accounts", account("Hostile Target Ltd")));
		openDeal = created(sales.post("/api/sales/deals", deal("12.50")));
		lostDeal = created(sales.post("/api/sales/deals", deal("99.00")));
		assertThat(sales.post("/api/sales/deals/" + lostDeal + "/lose", Map.of("reason", "price")).status())
			.isEqualTo(200);
		campaign = created(marketing.post("/api/marketing/campaigns", Map.of("name", "Hostile Campaign", "channel",
				"EMAIL", "budget", Map.of("amount", "500.00", "currency", "USD"), "startDate", "2024-01-01")));
		lead = created(marketing.post("/api/marketing/leads", Map.of("name", "Hostile Lead", "email",
				"hostile.lead@example.com", "channel", "EMAIL", "campaignId", campaign, "ownerId", "hostile-marketer")));
		disqualifiedLead = created(marketing.post("/api/marketing/leads", Map.of("name", "Gone Lead", "channel",
				"WEBINAR", "ownerId", "hostile-marketer")));
		assertThat(marketing.post("/api/marketing/leads/" + disqualifiedLead + "/disqualify",
				Map.of("reason", "no budget")).status()).isEqualTo(200);
		ticket = created(support.post("/api/support/tickets", Map.of("accountId", account, "subject", "Printer on fire",
				"priority", "NORMAL", "channel", "EMAIL", "assigneeId", "hostile-agent", "team", "hostile-desk")));
	}

	/** One hostile request and the answer it must get. */
	record Case(String name, Supplier<Api.Response> request, int status, String field) {

		@Override
		public String toString() {
			return this.name;
		}
	}

	static Case refused(String name, int status, String field, Supplier<Api.Response> request) {
		return new Case(name, request, status, field);
	}

	static Stream<Case> cases() {
		List<Case> cases = new ArrayList<>();

		// oversized bodies: the gateway refuses a declared length; a chunked body is cut off by the service itself
		String twoMegabytes = "x".repeat(2 * 1024 * 1024);
		cases.add(refused("oversized body through the gateway (Content-Length)", 413, null,
				() -> sales.post("/api/sales/accounts", account(twoMegabytes))));
		cases.add(refused("oversized chunked body through the gateway", 413, null,
				() -> chunked(platform.gateway(), "/api/sales/accounts", json(account(twoMegabytes)), Map.of())));
		cases.add(refused("oversized chunked body straight to sales-service", 413, null,
				() -> chunked(platform.direct("sales-service"), "/api/sales/accounts", json(account(twoMegabytes)),
						Map.of())));
		cases.add(refused("oversized chunked body with an Idempotency-Key straight to support-service", 413, null,
				() -> chunked(platform.direct("support-service"), "/api/support/tickets",
						"{\"accountId\":\"a\",\"subject\":\"" + twoMegabytes + "\",\"priority\":\"LOW\",\"channel\":\"WEB\"}",
						Map.of("Idempotency-Key", "hostile-chunked-1"))));

		// deep, malformed and not-JSON bodies
		cases.add(refused("objects nested 600 deep in an unknown field", 400, null, () -> sales.post(
				"/api/sales/accounts", accountWith("\"extra\":" + "{\"a\":".repeat(600) + "1" + "}".repeat(600)))));
		cases.add(refused("arrays nested 10000 deep in an unknown field", 400, null, () -> marketing
			.post("/api/marketing/leads", "{\"name\":\"Deep\",\"channel\":\"EMAIL\",\"extra\":" + "[".repeat(10_000)
					+ "]".repeat(10_000) + "}")));
		cases.add(refused("truncated JSON", 400, null,
				() -> sales.post("/api/sales/accounts", "{\"name\":\"Half\",\"ownerId\":")));
		cases.add(refused("single-quoted JSON", 400, null,
				() -> support.post("/api/support/tickets", "{'accountId':'a','subject':'s','priority':'LOW'}")));
		cases.add(refused("JSON with a comment", 400, null, () -> sales.post("/api/sales/accounts",
				"{/* hi */\"name\":\"C\",\"ownerId\":\"hostile-rep\",\"team\":\"hostile-team\"}")));
		cases.add(refused("trailing content after the JSON value", 400, null, () -> sales.post("/api/sales/accounts",
				json(account("Trailing")) + " {\"name\":\"Second\"}")));
		cases.add(refused("empty body", 400, null, () -> sales.post("/api/sales/accounts", "")));
		cases.add(refused("not a JSON content type", 415, null,
				() -> send(platform.gateway(), "POST", "/api/sales/accounts", "name=Plain", "text/plain",
						token("SALES", "hostile-rep", "hostile-team"), Map.of())));

		// wrong types
		cases.add(refused("string for a number (amount \"ten\")", 400, "amount.amount",
				() -> sales.post("/api/sales/deals", dealWith("amount", Map.of("amount", "ten", "currency", "USD")))));
		cases.add(refused("object for a string (deal name)", 400, "name",
				() -> sales.post("/api/sales/deals", dealWith("name", Map.of("first", "A")))));
		cases.add(refused("array for an object (amount)", 400, "amount",
				() -> sales.post("/api/sales/deals", dealWith("amount", List.of(1, 2)))));
		cases.add(refused("number for an instant (createdAt 1e300)", 400, "createdAt",
				() -> sales.post("/api/sales/accounts", accountWith("\"createdAt\":1e300"))));
		cases.add(refused("number for an enum (deal type 1)", 400, "type",
				() -> sales.post("/api/sales/deals", dealWith("type", 1))));
		cases.add(refused("string for a boolean (reply public \"yes\")", 400, "public",
				() -> support.post("/api/support/tickets/" + ticket + "/reply",
						Map.of("agentId", "hostile-agent", "public", "yes"))));
		cases.add(refused("object for the events array", 400, null, () -> marketing
			.post("/api/marketing/campaigns/" + campaign + "/events", Map.of("leadId", lead, "type", "OPENED"))));

		// unknown enum values
		cases.add(refused("unknown deal type", 400, "type", () -> sales.post("/api/sales/deals", dealWith("type",
				"FREEBIE"))));
		cases.add(refused("unknown ticket priority", 400, "priority", () -> support.post("/api/support/tickets",
				Map.of("accountId", account, "subject", "s", "priority", "APOCALYPTIC", "channel", "EMAIL"))));
		cases.add(refused("unknown survey type", 400, "type", () -> support.post("/api/support/surveys/responses",
				Map.of("type", "STARS", "accountId", account, "score", 3))));
		cases.add(refused("unknown lead channel", 400, "channel", () -> marketing.post("/api/marketing/leads",
				Map.of("name", "Pigeon", "channel", "CARRIER_PIGEON"))));
		cases.add(refused("unknown campaign channel", 400, "channel", () -> marketing.post("/api/marketing/campaigns",
				Map.of("name", "C", "channel", "SKYWRITING", "budget", Map.of("amount", "1"), "startDate", "2024-01-01"))));
		cases.add(refused("unknown subscription event type", 400, "type", () -> marketing
			.post("/api/marketing/subscriptions", Map.of("email", "someone@example.com", "type", "MAYBE"))));
		cases.add(refused("unknown enum in a list filter (?status=ARCHIVED)", 400, "status",
				() -> sales.get("/api/sales/deals?status=ARCHIVED")));

		// NoSQL operator injection in bodies and query filters
		cases.add(refused("{\"$gt\": \"\"} as the account name", 400, "name", () -> sales.post("/api/sales/accounts",
				accountWith("\"name\":{\"$gt\":\"\"}", "name"))));
		cases.add(refused("{\"$ne\": null} as the loss reason", 400, "reason",
				() -> sales.post("/api/sales/deals/" + openDeal + "/lose", "{\"reason\":{\"$ne\":null}}")));
		cases.add(refused("{\"$ne\": null} as the ticket's accountId", 400, "accountId", () -> support.post(
				"/api/support/tickets",
				"{\"accountId\":{\"$ne\":null},\"subject\":\"s\",\"priority\":\"LOW\",\"channel\":\"EMAIL\"}")));
		cases.add(refused("{\"$where\": ...} as the lead's campaignId", 400, "campaignId", () -> marketing.post(
				"/api/marketing/leads",
				"{\"name\":\"W\",\"channel\":\"EMAIL\",\"campaignId\":{\"$where\":\"sleep(5000) || true\"}}")));
		cases.add(refused("{\"$ne\": null} as an engagement event's leadId", 400, "[0].leadId",
				() -> marketing.post("/api/marketing/campaigns/" + campaign + "/events",
						"[{\"leadId\":{\"$ne\":null},\"type\":\"OPENED\"}]")));
		cases.add(refused("?ownerId[$ne]=x", 400, "ownerId[$ne]", () -> sales.get("/api/sales/deals?ownerId%5B%24ne%5D=x")));
		cases.add(refused("?status={\"$ne\":null}", 400, "status",
				() -> sales.get("/api/sales/deals?status=%7B%22%24ne%22%3Anull%7D")));
		cases.add(refused("?team={\"$ne\":null}", 400, "team",
				() -> sales.get("/api/sales/accounts?team=%7B%22%24ne%22%3Anull%7D")));
		cases.add(refused("?$where=sleep(1000)", 400, "$where",
				() -> support.get("/api/support/tickets?%24where=sleep(1000)")));
		cases.add(refused("?channel[$in][]=EMAIL", 400, "channel[$in][]",
				() -> marketing.get("/api/marketing/leads?channel%5B%24in%5D%5B%5D=EMAIL")));
		cases.add(refused("?keys=$where on the KPIs", 400, "keys", () -> manager.get("/api/kpis?keys=%24where")));

		// huge, negative and not-quite numbers
		cases.add(refused("amount 1e400", 422, "amount.amount",
				() -> sales.post("/api/sales/deals", dealWithRaw("\"amount\":{\"amount\":1e400,\"currency\":\"USD\"}"))));
		cases.add(refused("amount 1e15", 422, "amount.amount",
				() -> sales.post("/api/sales/deals", dealWithRaw("\"amount\":{\"amount\":1e15,\"currency\":\"USD\"}"))));
		cases.add(refused("negative amount", 422, "amount.amount",
				() -> sales.post("/api/sales/deals", dealWith("amount", Map.of("amount", "-0.01", "currency", "USD")))));
		cases.add(refused("amount \"NaN\"", 400, "amount.amount",
				() -> sales.post("/api/sales/deals", dealWith("amount", Map.of("amount", "NaN", "currency", "USD")))));
		cases.add(refused("amount \"-Infinity\"", 400, "amount.amount", () -> sales.post("/api/sales/deals",
				dealWith("amount", Map.of("amount", "-Infinity", "currency", "USD")))));
		cases.add(refused("amount NaN as a bare token", 400, null,
				() -> sales.post("/api/sales/deals", dealWithRaw("\"amount\":{\"amount\":NaN,\"currency\":\"USD\"}"))));
		cases.add(refused("amount with three decimals", 422, "amount.amount",
				() -> sales.post("/api/sales/deals", dealWith("amount", Map.of("amount", "10.005", "currency", "USD")))));
		cases.add(refused("final amount 1e400 when winning an open deal", 422, "amount.amount",
				() -> sales.post("/api/sales/deals/" + openDeal + "/win", "{\"amount\":{\"amount\":1e400}}")));
		cases.add(refused("campaign budget 1e400", 422, "budget.amount", () -> marketing.post("/api/marketing/campaigns",
				"{\"name\":\"Big\",\"channel\":\"TV\",\"budget\":{\"amount\":1e400},\"startDate\":\"2024-01-01\"}")));
		cases.add(refused("NPS score 1e400", 400, "score", () -> support.post("/api/support/surveys/responses",
				"{\"type\":\"NPS\",\"accountId\":\"" + account + "\",\"score\":1e400}")));
		cases.add(refused("NPS score 9.5", 400, "score", () -> support.post("/api/support/surveys/responses",
				"{\"type\":\"NPS\",\"accountId\":\"" + account + "\",\"score\":9.5}")));
		cases.add(refused("company size 1e15", 400, "companySize", () -> marketing.post("/api/marketing/leads",
				"{\"name\":\"Huge Corp\",\"channel\":\"EMAIL\",\"companySize\":1000000000000000}")));

		// instants in the future, or not instants at all
		cases.add(refused("future createdAt of an account", 422, "createdAt",
				() -> sales.post("/api/sales/accounts", accountWith("\"createdAt\":\"" + FUTURE + "\""))));
		cases.add(refused("future at of a stage move", 422, "at", () -> sales.post(
				"/api/sales/deals/" + openDeal + "/stage", Map.of("stage", "PROPOSAL", "at", FUTURE))));
		cases.add(refused("future at of a ticket resolution", 422, "at",
				() -> support.post("/api/support/tickets/" + ticket + "/resolve", Map.of("at", FUTURE))));
		cases.add(refused("future respondedAt of a survey response", 422, "respondedAt", () -> support.post(
				"/api/support/surveys/responses", Map.of("type", "CSAT", "accountId", account, "score", 4,
						"respondedAt", FUTURE))));
		cases.add(refused("future createdAt of a lead", 422, "createdAt", () -> marketing.post("/api/marketing/leads",
				Map.of("name", "Time Traveller", "channel", "EMAIL", "createdAt", FUTURE))));
		cases.add(refused("createdAt that is not an instant", 400, "createdAt",
				() -> sales.post("/api/sales/accounts", accountWith("\"createdAt\":\"yesterday\""))));

		// period parameters
		cases.add(refused("KPI period with from after to", 400, "from",
				() -> manager.get("/api/kpis?from=2025-05-01T00:00:00Z&to=2025-01-01T00:00:00Z")));
		cases.add(refused("KPI period with from equal to to", 400, "from",
				() -> manager.get("/api/kpis?from=2025-05-01T00:00:00Z&to=2025-05-01T00:00:00Z")));
		cases.add(refused("KPI period over five years", 400, "to",
				() -> manager.get("/api/kpis?from=2015-01-01T00:00:00Z&to=2025-01-01T00:00:00Z")));
		cases.add(refused("KPI period from the year -999999999", 400, "to",
				() -> manager.get("/api/kpis/sales.win_rate?from=-999999999-01-01T00:00:00Z&to=2025-01-01T00:00:00Z")));
		cases.add(refused("KPI period not ISO-8601", 400, "from",
				() -> manager.get("/api/kpis?from=01/02/2025&to=2025-03-01T00:00:00Z")));
		cases.add(refused("KPI series with an unknown interval", 400, "interval",
				() -> manager.get("/api/kpis/sales.win_rate/series?interval=fortnight")));
		cases.add(refused("KPI series with too many buckets", 400, "interval", () -> manager
			.get("/api/kpis/sales.win_rate/series?from=2021-01-01T00:00:00Z&to=2025-12-31T00:00:00Z&interval=day")));
		cases.add(refused("KPI split by an unknown dimension", 400, "groupBy",
				() -> manager.get("/api/kpis/sales.win_rate?groupBy=password")));
		cases.add(refused("unknown KPI", 404, null, () -> manager.get("/api/kpis/sales.secret_sauce")));
		cases.add(refused("forecast with from after to", 422, "to",
				() -> sales.get("/api/sales/forecast?from=2025-06-01&to=2025-01-01")));
		cases.add(refused("forecast date not ISO-8601", 400, "from",
				() -> sales.get("/api/sales/forecast?from=June&to=2025-01-01")));

		// paging abuse
		cases.add(refused("size=100000", 400, "size", () -> sales.get("/api/sales/deals?size=100000")));
		cases.add(refused("size=0", 400, "size", () -> support.get("/api/support/tickets?size=0")));
		cases.add(refused("page=-1", 400, "page", () -> marketing.get("/api/marketing/leads?page=-1")));
		cases.add(refused("page × size beyond what can be skipped", 400, "page",
				() -> sales.get("/api/sales/accounts?page=4294968&size=500")));
		cases.add(refused("page not a number", 400, "page", () -> support.get("/api/support/surveys/responses?page=1e3")));
		cases.add(refused("page beyond a long", 400, "page",
				() -> admin.get("/api/sales/audit?page=99999999999999999999")));

		// unicode edge cases (emoji are fine: see emojiInNamesAreAccepted)
		cases.add(refused("NUL in an account name", 422, "name",
				() -> sales.post("/api/sales/accounts", accountWith("\"name\":\"Acme\\u0000 Ltd\"", "name"))));
		cases.add(refused("lone high surrogate escaped in a lead name", 422, "name", () -> marketing
			.post("/api/marketing/leads", "{\"name\":\"Broken \\ud83d name\",\"channel\":\"EMAIL\"}")));
		cases.add(refused("lone low surrogate escaped in a ticket subject", 422, "subject", () -> support.post(
				"/api/support/tickets",
				"{\"accountId\":\"a\",\"subject\":\"\\ude00 half\",\"priority\":\"LOW\",\"channel\":\"EMAIL\"}")));
		cases.add(refused("right-to-left override in a deal name", 422, "name",
				() -> sales.post("/api/sales/deals", dealWith("name", "invoice\u202Efdp.exe"))));
		cases.add(refused("bell control character in a survey comment", 422, "comment", () -> support.post(
				"/api/support/surveys/responses",
				Map.of("type", "NPS", "accountId", account, "score", 7, "comment", "ding\u0007ding"))));
		cases.add(refused("10,000-character account name", 400, "name",
				() -> sales.post("/api/sales/accounts", account("n".repeat(10_000)))));

		// duplicate keys
		cases.add(refused("duplicate key at the top level", 400, null,
				() -> sales.post("/api/sales/accounts", accountWith("\"ownerId\":\"someone-else\"", null))));
		cases.add(refused("duplicate key inside the amount", 400, null, () -> sales.post("/api/sales/deals",
				dealWithRaw("\"amount\":{\"amount\":\"1.00\",\"amount\":\"1000000.00\",\"currency\":\"USD\"}"))));

		// illegal state transitions
		cases.add(refused("win a lost deal", 409, null,
				() -> sales.post("/api/sales/deals/" + lostDeal + "/win", Map.of("at", PAST))));
		cases.add(refused("move a lost deal", 409, null,
				() -> sales.post("/api/sales/deals/" + lostDeal + "/stage", Map.of("stage", "PROPOSAL"))));
		cases.add(refused("reopen an open ticket", 409, null,
				() -> support.post("/api/support/tickets/" + ticket + "/reopen", Map.of())));
		cases.add(refused("close an open ticket", 409, null,
				() -> support.post("/api/support/tickets/" + ticket + "/close", Map.of())));
		cases.add(refused("convert a disqualified lead", 409, null,
				() -> marketing.post("/api/marketing/leads/" + disqualifiedLead + "/convert", Map.of("dealName", "D",
						"amount", Map.of("amount", "10.00", "currency", "USD"), "ownerId", "hostile-marketer"))));
		cases.add(refused("qualify a disqualified lead", 409, null,
				() -> marketing.post("/api/marketing/leads/" + disqualifiedLead + "/qualify", Map.of())));

		// out-of-range scores
		cases.add(refused("NPS 11", 422, "score", () -> support.post("/api/support/surveys/responses",
				Map.of("type", "NPS", "accountId", account, "score", 11))));
		cases.add(refused("NPS -1", 422, "score", () -> support.post("/api/support/surveys/responses",
				Map.of("type", "NPS", "accountId", account, "score", -1))));
		cases.add(refused("CSAT 0", 422, "score", () -> support.post("/api/support/surveys/responses",
				Map.of("type", "CSAT", "accountId", account, "score", 0))));
		cases.add(refused("CSAT 6", 422, "score", () -> support.post("/api/support/surveys/responses",
				Map.of("type", "CSAT", "accountId", account, "score", 6))));

		// ids that look like path traversal
		cases.add(refused("deal id ..%2F..%2Factuator%2Fenv", 400, null,
				() -> sales.get("/api/sales/deals/..%2F..%2Factuator%2Fenv")));
		cases.add(refused("ticket id %2e%2e%2f%2e%2e%2fetc%2fpasswd", 400, null,
				() -> support.post("/api/support/tickets/%2e%2e%2f%2e%2e%2fetc%2fpasswd/resolve", Map.of())));
		cases.add(refused("lead id ..%5C..%5Cwin.ini", 400, null,
				() -> marketing.get("/api/marketing/leads/..%5C..%5Cwin.ini")));
		cases.add(refused("deal id %2E%2E (an encoded dot segment)", 400, null,
				() -> sales.post("/api/sales/deals/%2E%2E/win", Map.of())));
		cases.add(refused("account id with a ;path parameter", 400, null,
				() -> sales.get("/api/sales/accounts/..;jsessionid=x")));
		cases.add(refused("ticket id that is only dots and letters (not found)", 404, null,
				() -> support.get("/api/support/tickets/....etc....passwd")));

		// missing required fields
		cases.add(refused("deal without name, type and amount", 400, "amount", () -> sales.post("/api/sales/deals",
				Map.of("accountId", account, "ownerId", "hostile-rep", "team", "hostile-team"))));
		cases.add(refused("ticket without a subject", 400, "subject", () -> support.post("/api/support/tickets",
				Map.of("accountId", account, "priority", "LOW", "channel", "EMAIL"))));
		cases.add(refused("survey response without a score", 400, "score",
				() -> support.post("/api/support/surveys/responses", Map.of("type", "NPS", "accountId", account))));
		cases.add(refused("loss without a reason", 400, "reason",
				() -> sales.post("/api/sales/deals/" + openDeal + "/lose", Map.of())));

		// header abuse
		cases.add(refused("Idempotency-Key of 300 characters", 400, null,
				() -> sales.withHeader("Idempotency-Key", "k".repeat(300))
					.post("/api/sales/accounts", account("Keyed Ltd"))));
		cases.add(refused("Idempotency-Key of 7,000 characters", 400, null,
				() -> support.withHeader("Idempotency-Key", "k".repeat(7_000))
					.post("/api/support/tickets/" + ticket + "/resolve", Map.of())));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void hostileInputGetsAProblemAndChangesNothing(Case hostile) {
		Map<String, String> before = storedState();
		Api.Response response = hostile.request().get();
		assertProblem(response, hostile.status(), hostile.field());
		assertThat(storedState()).as("stored data after: " + hostile.name()).isEqualTo(before);
	}

	/**
	 * Engagement events are a batch recorded item by item (API.md): the request itself is 200 and each item carries
	 * its own status, so an unknown event type is a 422 item, and nothing of it is recorded.
	 */
	@Test
	void anUnknownEngagementEventTypeIsRefusedItemByItemAndRecordsNothing() {
		Map<String, String> before = storedState();
		Api.Response response = marketing.post("/api/marketing/campaigns/" + campaign + "/events",
				List.of(Map.of("leadId", lead, "type", "LIKED", "at", PAST)));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode item = response.json().get("results").get(0);
		assertThat(item.get("status").asInt()).isEqualTo(422);
		assertThat(item.get("error").asString()).startsWith("type: must be one of");
		assertThat(response.json().get("recorded").asInt()).isZero();
		assertThat(response.text()).doesNotContainPattern(INTERNALS);
		assertThat(storedState()).isEqualTo(before);
	}

	/** A header beyond the gateway's limit never reaches code: the HTTP server answers 431 (no problem body). */
	@Test
	void aHeaderBeyondTheServersLimitIsRefusedBeforeAnyCodeRuns() {
		Map<String, String> before = storedState();
		Api.Response response = sales.withHeader("Idempotency-Key", "k".repeat(20_000))
			.post("/api/sales/accounts", account("Header Bomb Ltd"));
		assertThat(response.status()).isEqualTo(431);
		assertThat(storedState()).isEqualTo(before);
	}

	@Test
	void emojiAndOtherScriptsInNamesAreAccepted() {
		String name = "Café Zürich 東京 🚀 Ltd 😀";
		Api.Response created = sales.post("/api/sales/accounts", account(name));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(sales.get("/api/sales/accounts/" + created.id()).json().get("name").asString()).isEqualTo(name);
		Api.Response lead = marketing.post("/api/marketing/leads",
				Map.of("name", "עברית שלום 👋", "channel", "REFERRAL", "company", "مرحبا"));
		assertThat(lead.status()).as(lead.text()).isEqualTo(201);
		assertThat(marketing.get("/api/marketing/leads/" + lead.id()).json().get("company").asString())
			.isEqualTo("مرحبا");
	}

	static void assertProblem(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.contentType()).as(response.text()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem).as(response.text()).isNotNull();
		assertThat(problem.path("status").asInt()).as(response.text()).isEqualTo(status);
		assertThat(problem.path("title").asString("")).as(response.text()).isNotBlank();
		assertThat(problem.path("detail").asString("")).as(response.text()).isNotBlank();
		assertThat(response.text()).as("no internals in the problem").doesNotContainPattern(INTERNALS);
		if (field != null) {
			List<String> fields = new ArrayList<>();
			problem.path("errors").forEach((error) -> fields.add(error.path("field").asString("")));
			assertThat(fields).as(response.text()).contains(field);
		}
	}

	/**
	 * What the platform has stored, as far as these tests can change it: each service's audit log (every document
	 * save is recorded there), the size of every list, and the fixture records as read back.
	 */
	static Map<String, String> storedState() {
		Map<String, String> state = new LinkedHashMap<>();
		for (String service : List.of("sales", "marketing", "support")) {
			state.put(service + " audit log", total(admin, "/api/" + service + "/audit?size=1"));
		}
		state.put("accounts", total(sales, "/api/sales/accounts?size=1"));
		state.put("deals", total(sales, "/api/sales/deals?size=1"));
		state.put("activities", total(sales, "/api/sales/activities?size=1"));
		state.put("campaigns", total(marketing, "/api/marketing/campaigns?size=1"));
		state.put("leads", total(marketing, "/api/marketing/leads?size=1"));
		state.put("tickets", total(support, "/api/support/tickets?size=1"));
		state.put("survey responses", total(support, "/api/support/surveys/responses?size=1"));
		state.put("account", read(sales, "/api/sales/accounts/" + account));
		state.put("open deal", read(sales, "/api/sales/deals/" + openDeal));
		state.put("lost deal", read(sales, "/api/sales/deals/" + lostDeal));
		state.put("campaign", read(marketing, "/api/marketing/campaigns/" + campaign));
		state.put("lead", read(marketing, "/api/marketing/leads/" + lead));
		state.put("disqualified lead", read(marketing, "/api/marketing/leads/" + disqualifiedLead));
		state.put("ticket", read(support, "/api/support/tickets/" + ticket));
		return state;
	}

	private static String total(Api api, String path) {
		Api.Response response = api.get(path);
		assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
		return response.json().get("total").asString();
	}

	private static String read(Api api, String path) {
		Api.Response response = api.get(path);
		assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
		return response.text();
	}

	static Map<String, Object> account(String name) {
		return Map.of("name", name, "industry", "Software", "region", "EMEA", "segment", "SMB", "ownerId",
				"hostile-rep", "team", "hostile-team");
	}

	/** An account body with one raw JSON member added at the end; {@code replaces} drops a member first. */
	static String accountWith(String rawMember, String replaces) {
		Map<String, Object> body = new HashMap<>(account("Raw Ltd"));
		if (replaces != null) {
			body.remove(replaces);
		}
		String text = json(body);
		return text.substring(0, text.length() - 1) + "," + rawMember + "}";
	}

	static String accountWith(String rawMember) {
		return accountWith(rawMember, null);
	}

	static Map<String, Object> deal(String amount) {
		return new HashMap<>(Map.of("accountId", account, "name", "Hostile Deal", "ownerId", "hostile-rep", "team",
				"hostile-team", "type", "NEW_BUSINESS", "amount", Map.of("amount", amount, "currency", "USD")));
	}

	static Map<String, Object> dealWith(String field, Object value) {
		Map<String, Object> body = deal("10.00");
		body.put(field, value);
		return body;
	}

	/** A deal body whose {@code amount} member is given as raw JSON text (numbers JSON maps cannot hold). */
	static String dealWithRaw(String rawAmountMember) {
		Map<String, Object> body = deal("10.00");
		body.remove("amount");
		String text = json(body);
		return text.substring(0, text.length() - 1) + "," + rawAmountMember + "}";
	}

	static String created(Api.Response response) {
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return response.id();
	}

	static String json(Object value) {
		return json.writeValueAsString(value);
	}

	static String token(String roles, String user, String team) {
		return platform.token(roles, user, team);
	}

	/** A POST whose body has no declared length (chunked transfer encoding), as SALES. */
	static Api.Response chunked(URI base, String path, String body, Map<String, String> headers) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token("SALES,SUPPORT", "hostile-rep", "hostile-team"))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
		headers.forEach(request::header);
		return exchange(request);
	}

	static Api.Response send(URI base, String method, String path, String body, String contentType, String token,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", contentType)
			.header("Authorization", "Bearer " + token)
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return exchange(request);
	}

	private static Api.Response exchange(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.build()
				.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode body = (response.body().isBlank() || !contentType.contains("json")) ? null
					: json.readTree(response.body());
			return new Api.Response(response.statusCode(), contentType, body, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
