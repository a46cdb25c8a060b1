package dev.pulsecrm.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's circuit breaker per service, against one real backend ({@link ReplicaBackend}) that can answer any
 * status or stop: it opens on unavailability only, then answers 503 problems itself without reaching the service, and
 * closes again once probes succeed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.gateway.breaker.window=4", "crm.gateway.breaker.minimum-calls=4",
				"crm.gateway.breaker.open-wait=1500ms", "crm.gateway.breaker.half-open-calls=2" })
class ServiceCircuitBreakerTest {

	static final ReplicaBackend sales = ReplicaBackend.start("sales");

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	final String token = TestTokens.token("rep", null, "SALES");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewayTestProperties.register(registry);
		registry.add("SALES_URL", sales::url);
	}

	@BeforeEach
	void healthyAndClosed() {
		sales.answer(200);
		sales.restart();
		breaker().reset();
		sales.resetCounts();
	}

	@Test
	void unavailableAnswersOpenTheBreakerAndTheGatewayThenAnswersItselfWithoutCallingTheService() {
		sales.answer(503);
		for (int i = 0; i < 4; i++) {
			assertThat(post().statusCode()).isEqualTo(503);
		}
		awaitState(CircuitBreaker.State.OPEN);
		assertThat(sales.requests("POST")).isEqualTo(4);

		for (int i = 0; i < 5; i++) {
			HttpResponse<String> refused = post();
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
			assertThat(refused.body()).contains("circuit breaker open").contains("\"instance\":\"/api/sales/accounts\"");
		}
		assertThat(sales.requests("POST")).as("no request reached the service while open").isEqualTo(4);
	}

	@Test
	void aRecoveredServiceIsProbedAfterTheOpenWaitAndTheBreakerCloses() {
		sales.answer(503);
		for (int i = 0; i < 4; i++) {
			post();
		}
		awaitState(CircuitBreaker.State.OPEN);
		sales.answer(200);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
			.until(() -> post().statusCode() == 200);
		assertThat(post().statusCode()).isEqualTo(200);
		awaitState(CircuitBreaker.State.CLOSED);
	}

	@Test
	void aServiceThatRefusesConnectionsOpensTheBreaker() {
		sales.stop();
		for (int i = 0; i < 4; i++) {
			assertThat(post().statusCode()).isEqualTo(503);
		}
		awaitState(CircuitBreaker.State.OPEN);
		assertThat(post().body()).contains("circuit breaker open");
	}

	@Test
	void clientErrorsAndServerBugsShowTheServiceIsUpAndNeverOpenIt() {
		for (int status : new int[] { 400, 404, 409, 422, 500 }) {
			sales.answer(status);
			for (int i = 0; i < 2; i++) {
				assertThat(post().statusCode()).isEqualTo(status);
			}
		}
		assertThat(sales.requests("POST")).isEqualTo(10);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void routesToOtherServicesAreNotAffected() {
		sales.answer(503);
		for (int i = 0; i < 4; i++) {
			post();
		}
		awaitState(CircuitBreaker.State.OPEN);
		assertThat(HttpCalls.call(this.port, "GET", "/api/support/tickets", TestTokens.token("sam", null, "SUPPORT"),
				null).statusCode()).isEqualTo(200);
	}

	/** Outcomes are recorded as each exchange completes, just after the client has its answer. */
	private void awaitState(CircuitBreaker.State state) {
		await().pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.atMost(Duration.ofSeconds(2))
			.until(() -> breaker().getState() == state);
	}

	private CircuitBreaker breaker() {
		return this.breakers.circuitBreaker("sales-service");
	}

	private HttpResponse<String> post() {
		return HttpCalls.call(this.port, "POST", "/api/sales/accounts", this.token, "{}");
	}

}
