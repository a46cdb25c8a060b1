package dev.pulsecrm.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of sales, one of them down: reads keep working (retried on the live one), and so do writes, because a
 * refused connection proves the write never reached a server (see {@code ReplicaHealthRoutingTest} for the details).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplicaFailoverTest {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewayTestProperties.register(registry);
		registry.add("SALES_URL", () -> EchoBackend.url() + ",http://127.0.0.1:9");
	}

	@Test
	void readsAreServedByTheLiveReplicaWhileTheOtherIsDown() {
		String token = TestTokens.token("reader", null, "SALES");
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> response = HttpCalls.call(this.port, "GET", "/api/sales/deals", token, null);
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
		}
	}

	@Test
	void writesThatCannotReachTheDeadReplicaAreSentToTheLiveOne() {
		String token = TestTokens.token("writer", null, "SALES");
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = HttpCalls.call(this.port, "POST", "/api/sales/accounts", token, "{}");
			assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
		}
	}
}
