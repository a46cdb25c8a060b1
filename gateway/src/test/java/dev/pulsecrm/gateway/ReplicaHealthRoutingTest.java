package dev.pulsecrm.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.pulsecrm.gateway.routing.ReplicaHealth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of sales ({@code a}, {@code b}) and a single marketing instance ({@code solo}) behind the real gateway,
 * each a {@link ReplicaBackend} that is stopped and restarted on its port like a killed service. Which replica the
 * load balancer picked for every attempt is read from its own lifecycle callbacks ({@link Choices}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.gateway.health.probe-interval=200ms", "crm.gateway.health.ejection-time=200ms",
				"crm.gateway.health.probe-timeout=500ms" })
class ReplicaHealthRoutingTest {

	static final ReplicaBackend a = ReplicaBackend.start("a");

	static final ReplicaBackend b = ReplicaBackend.start("b");

	static final ReplicaBackend solo = ReplicaBackend.start("solo");

	static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

	@LocalServerPort
	int port;

	@Autowired
	ReplicaHealth health;

	@Autowired
	Choices choices;

	@Autowired
	io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers;

	final String sales = TestTokens.token("rep", null, "SALES");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewayTestProperties.register(registry);
		registry.add("SALES_URL", () -> a.url() + "," + b.url());
		registry.add("MARKETING_URL", solo::url);
	}

	@BeforeEach
	void everyReplicaUpAndInRotation() {
		// each test starts with closed breakers: the service-down tests open them on purpose
		this.breakers.getAllCircuitBreakers().forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
		for (ReplicaBackend backend : List.of(a, b, solo)) {
			backend.broken(false);
			backend.ready(true);
			backend.restart();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> inRotation(a) && inRotation(b));
		// the gateway's first exchange warms its client (class loading, connection pool) outside the measurements
		assertThat(get("/api/sales/deals").statusCode()).isEqualTo(200);
		for (ReplicaBackend backend : List.of(a, b, solo)) {
			backend.resetCounts();
		}
		this.choices.clear();
	}

	@Test
	void aReplicaThatRefusesConnectionsLeavesRotationAtOnceAndComesBackOnlyWhenItsProbePasses() {
		b.stop();
		for (int i = 0; i < 10; i++) {
			assertThat(get("/api/sales/deals").statusCode()).as("request %d", i).isEqualTo(200);
		}
		assertThat(this.choices.of(b)).as("only the first attempt that met the dead replica went there").isEqualTo(1);
		assertThat(inRotation(b)).isFalse();

		// back, but not ready yet (readiness 503): probed, still out of rotation
		b.ready(false);
		b.restart();
		await().atMost(Duration.ofSeconds(5)).until(() -> b.probes() >= 3);
		for (int i = 0; i < 6; i++) {
			assertThat(get("/api/sales/deals").statusCode()).isEqualTo(200);
		}
		assertThat(b.requests("GET")).isZero();
		assertThat(this.choices.of(b)).isEqualTo(1);

		// ready: re-admitted within a few probe intervals, and round robin reaches it again
		b.ready(true);
		await().atMost(PROBE_INTERVAL.multipliedBy(10)).until(() -> inRotation(b));
		for (int i = 0; i < 4; i++) {
			assertThat(get("/api/sales/deals").statusCode()).isEqualTo(200);
		}
		assertThat(b.requests("GET")).isEqualTo(2);
	}

	@Test
	void aPostWhileAReplicaIsDownIsAnsweredByTheLiveOneAndReachesItExactlyOnce() {
		b.stop();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = post("/api/sales/accounts");
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
			assertThat(response.body()).contains("\"replica\":\"a\"");
		}
		assertThat(a.requests("POST")).as("every POST reached the live replica exactly once").isEqualTo(6);
		assertThat(this.choices.of(b)).as("one POST was first sent to the dead replica, refused, and sent on")
			.isEqualTo(1);
	}

	@Test
	void aPostThatReachedAReplicaWhichThenFailedIsNotRetried() {
		b.broken(true);
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = post("/api/sales/accounts");
			statuses.add(response.statusCode());
			if (response.statusCode() != 200) {
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(response.body()).contains("\"status\":502");
			}
		}
		assertThat(statuses).containsExactlyInAnyOrder(200, 502);
		assertThat(b.requests("POST")).as("the broken replica saw the POST once, and it was not sent again").isEqualTo(1);
		assertThat(a.requests("POST")).as("the live replica got only its own POST, not a repeat").isEqualTo(1);
	}

	@Test
	void withEveryReplicaDownTheRouteAnswers503ProblemsQuicklyAndStillTriesThemAll() {
		a.stop();
		b.stop();
		for (String method : List.of("GET", "POST", "GET", "POST")) {
			long start = System.nanoTime();
			HttpResponse<String> response = HttpCalls.call(this.port, method,
					method.equals("GET") ? "/api/sales/deals" : "/api/sales/accounts", this.sales,
					method.equals("GET") ? null : "{}");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(response.statusCode()).as("%s: %s", method, response.body()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("the service behind this route is unavailable");
			assertThat(took).as("%s answered quickly", method).isLessThan(Duration.ofSeconds(3));
		}
		assertThat(inRotation(a)).isFalse();
		assertThat(inRotation(b)).isFalse();
		assertThat(this.health.available("sales-service")).as("fails open to every replica").hasSize(2);
	}

	@Test
	void theOnlyInstanceOfAServiceIsNeverEjected() {
		solo.stop();
		for (int i = 0; i < 3; i++) {
			assertThat(post("/api/marketing/campaigns", marketingToken()).statusCode()).isEqualTo(503);
		}
		assertThat(this.health.inRotation("marketing-service", "127.0.0.1", solo.port())).isTrue();
		assertThat(this.health.available("marketing-service")).hasSize(1);

		// back: the very next request reaches it, without waiting for a probe (none is made)
		solo.restart();
		assertThat(post("/api/marketing/campaigns", marketingToken()).statusCode()).isEqualTo(200);
		assertThat(solo.requests("POST")).isEqualTo(1);
		assertThat(solo.probes()).isZero();
	}

	private boolean inRotation(ReplicaBackend backend) {
		return this.health.inRotation("sales-service", "127.0.0.1", backend.port());
	}

	private HttpResponse<String> get(String path) {
		return HttpCalls.call(this.port, "GET", path, this.sales, null);
	}

	private HttpResponse<String> post(String path) {
		return post(path, this.sales);
	}

	private HttpResponse<String> post(String path, String token) {
		return HttpCalls.call(this.port, "POST", path, token, "{}");
	}

	private static String marketingToken() {
		return TestTokens.token("marketer", null, "MARKETING");
	}

	/** Every attempt's chosen replica, as the load balancer reports it to its lifecycle beans. */
	static final class Choices implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

		private final Queue<Integer> ports = new ConcurrentLinkedQueue<>();

		int of(ReplicaBackend backend) {
			return (int) this.ports.stream().filter((port) -> port == backend.port()).count();
		}

		void clear() {
			this.ports.clear();
		}

		@Override
		public void onStart(Request<Object> request) {
		}

		@Override
		public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
			this.ports.add(lbResponse.getServer().getPort());
		}

		@Override
		public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ChoicesConfiguration {

		@Bean
		Choices choices() {
			return new Choices();
		}
	}
}
