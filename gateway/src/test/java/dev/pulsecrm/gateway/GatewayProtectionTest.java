package dev.pulsecrm.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits, body size limits, security headers, CORS and a service that is down, at the gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.gateway.rate-limit.burst=5", "crm.gateway.rate-limit.requests-per-second=1",
				"crm.gateway.max-body-size=1KB", "crm.gateway.cors.allowed-origins=https://app.example.com" })
class GatewayProtectionTest {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewayTestProperties.register(registry);
		// the KPI service is down: nothing listens there
		registry.add("KPI_URL", () -> "http://127.0.0.1:9");
	}

	@Test
	void aClientOverItsBudgetGets429WithRetryAfterWhileOthersAreServed() {
		String greedy = TestTokens.token("greedy", null, "SALES");
		int served = 0;
		HttpResponse<String> refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			HttpResponse<String> response = HttpCalls.call(this.port, "GET", "/api/sales/deals", greedy, null);
			if (response.statusCode() == 429) {
				refused = response;
			}
			else {
				served++;
			}
		}
		assertThat(served).isEqualTo(5);
		assertThat(refused).isNotNull();
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(HttpCalls.call(this.port, "GET", "/api/sales/deals", TestTokens.token("modest", null, "SALES"), null)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void anOversizedBodyIsRefusedWith413BeforeReachingTheService() {
		String body = "{\"name\":\"" + "x".repeat(2000) + "\"}";
		HttpResponse<String> response = HttpCalls.call(this.port, "POST", "/api/sales/accounts",
				TestTokens.token("big", null, "SALES"), body);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aServiceThatIsDownGets503ProblemQuickly() {
		long start = System.nanoTime();
		HttpResponse<String> response = HttpCalls.call(this.port, "GET", "/api/kpis",
				TestTokens.token("boss", null, "MANAGER"), null);
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void responsesCarrySecurityHeaders() {
		HttpResponse<String> response = HttpCalls.call(this.port, "GET", "/api/sales/deals",
				TestTokens.token("h", null, "SALES"), null);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("default-src 'none'"));
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	@Test
	void corsAllowsOnlyTheConfiguredOrigins() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<Void> allowed = http.send(preflight("https://app.example.com"), HttpResponse.BodyHandlers.discarding());
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		HttpResponse<Void> refused = http.send(preflight("https://evil.example.com"), HttpResponse.BodyHandlers.discarding());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpRequest preflight(String origin) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/sales/deals"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.build();
	}
}
