package dev.pulsecrm.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public route × every role, plus requests without a token and with expired, foreign-issuer and forged tokens:
 * the gateway forwards exactly what the role allows (the echo backend answers 200) and refuses the rest with a
 * problem response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteAccessMatrixTest {

	static final List<String> ROLES = List.of("SALES", "MARKETING", "SUPPORT", "MANAGER", "ADMIN");

	/** Every route of API.md (ids are placeholders: the echo backend accepts anything). */
	static final List<String> ROUTES = List.of("GET /api/sales/accounts", "POST /api/sales/accounts",
			"GET /api/sales/accounts/a1", "POST /api/sales/accounts/a1/churn", "GET /api/sales/pipeline",
			"PUT /api/sales/pipeline", "POST /api/sales/deals", "GET /api/sales/deals", "GET /api/sales/deals/d1",
			"POST /api/sales/deals/d1/stage", "POST /api/sales/deals/d1/win", "POST /api/sales/deals/d1/lose",
			"POST /api/sales/activities", "GET /api/sales/activities", "GET /api/sales/forecast",
			"POST /api/sales/import", "POST /api/marketing/campaigns", "GET /api/marketing/campaigns",
			"POST /api/marketing/campaigns/c1/spend", "POST /api/marketing/campaigns/c1/events",
			"POST /api/marketing/subscriptions", "POST /api/marketing/leads", "GET /api/marketing/leads",
			"POST /api/marketing/leads/l1/contact", "POST /api/marketing/leads/l1/qualify",
			"POST /api/marketing/leads/l1/disqualify", "POST /api/marketing/leads/l1/convert",
			"GET /api/marketing/scoring-rules", "PUT /api/marketing/scoring-rules", "GET /api/marketing/send-time",
			"POST /api/marketing/import", "POST /api/support/tickets", "GET /api/support/tickets",
			"POST /api/support/tickets/t1/reply", "POST /api/support/tickets/t1/resolve",
			"POST /api/support/tickets/t1/reopen", "POST /api/support/tickets/t1/close",
			"GET /api/support/sla-policies", "PUT /api/support/sla-policies", "POST /api/support/surveys/responses",
			"GET /api/support/surveys/responses", "POST /api/support/import", "GET /api/kpis",
			"GET /api/kpis/catalog", "GET /api/kpis/sales.win_rate", "GET /api/kpis/sales.win_rate/series",
			"PUT /api/kpis/targets", "GET /api/sales/audit", "GET /api/marketing/audit", "GET /api/support/audit",
			"GET /api/docs", "GET /api/docs/sales");

	static final Set<String> ADMIN_ONLY = Set.of("PUT /api/sales/pipeline", "PUT /api/marketing/scoring-rules",
			"PUT /api/support/sla-policies", "PUT /api/kpis/targets", "GET /api/sales/audit",
			"GET /api/marketing/audit", "GET /api/support/audit");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewayTestProperties.register(registry);
	}

	/** The rule, stated once: what a role may do on a route. */
	static boolean allowed(String role, String route) {
		String method = route.substring(0, route.indexOf(' '));
		String path = route.substring(route.indexOf(' ') + 1);
		if (role.equals("ADMIN")) {
			return true;
		}
		if (ADMIN_ONLY.contains(route)) {
			return false;
		}
		if (path.startsWith("/api/docs")) {
			return true;
		}
		boolean read = method.equals("GET");
		if (path.startsWith("/api/kpis")) {
			return read && role.equals("MANAGER");
		}
		String department = path.split("/")[2].toUpperCase();
		return role.equals(department) || (read && role.equals("MANAGER"));
	}

	static Stream<Arguments> everyRouteAndRole() {
		List<Arguments> cases = new ArrayList<>();
		for (String route : ROUTES) {
			for (String role : ROLES) {
				cases.add(Arguments.of(route, role, allowed(role, route) ? 200 : 403));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("everyRouteAndRole")
	void aRoleReachesExactlyTheRoutesItIsAllowed(String route, String role, int expected) {
		HttpResponse<String> response = send(route, TestTokens.token("user-" + role, "team-1", role));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
		if (expected == 403) {
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		else if (route.equals("GET /api/docs")) {
			assertThat(response.body()).as("the gateway's own OpenAPI index").contains("/api/docs/sales");
		}
		else {
			assertThat(response.body()).as("forwarded with the token").contains("\"authorization\":true");
		}
	}

	static Stream<Arguments> everyRouteAndBadCredential() {
		List<Arguments> cases = new ArrayList<>();
		for (String route : ROUTES) {
			cases.add(Arguments.of(route, "no token", null));
			cases.add(Arguments.of(route, "expired token", TestTokens.expired("ADMIN")));
			cases.add(Arguments.of(route, "wrong issuer", TestTokens.wrongIssuer("ADMIN")));
			cases.add(Arguments.of(route, "bad signature", TestTokens.badSignature("ADMIN")));
			cases.add(Arguments.of(route, "not a JWT", "abc.def.ghi"));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} with {1} -> 401")
	@MethodSource("everyRouteAndBadCredential")
	void withoutAValidTokenNoRouteIsReached(String route, String credential, String token) {
		HttpResponse<String> response = send(route, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":401");
	}

	@ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.ValueSource(strings = { "/actuator/prometheus", "/actuator/env",
			"/actuator/metrics", "/actuator/beans", "/actuator/gateway/routes" })
	void actuatorEndpointsOtherThanHealthAreNotReachable(String path) {
		assertThat(HttpCalls.call(this.port, "GET", path, TestTokens.token("root", null, "ADMIN"), null).statusCode())
			.isEqualTo(403);
		assertThat(HttpCalls.call(this.port, "GET", path, null, null).statusCode()).isEqualTo(401);
	}

	@org.junit.jupiter.api.Test
	void healthIsOpenForProbes() {
		assertThat(HttpCalls.call(this.port, "GET", "/actuator/health/readiness", null, null).statusCode())
			.isEqualTo(200);
	}

	private HttpResponse<String> send(String route, String token) {
		String method = route.substring(0, route.indexOf(' '));
		String path = route.substring(route.indexOf(' ') + 1);
		return HttpCalls.call(this.port, method, path, token, method.equals("GET") ? null : "{}");
	}
}
