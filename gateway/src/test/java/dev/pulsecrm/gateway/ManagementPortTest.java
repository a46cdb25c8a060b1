package dev.pulsecrm.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus scrapes the gateway on its management port; the public port does not serve metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementPortTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GatewayTestProperties.register(registry);
	}

	@Test
	void metricsAreServedOnTheManagementPortOnly() {
		var scrape = HttpCalls.call(this.managementPort, "GET", "/actuator/prometheus", null, null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes");
		assertThat(HttpCalls.call(this.managementPort, "GET", "/actuator/health/readiness", null, null).statusCode())
			.isEqualTo(200);
		assertThat(HttpCalls.call(this.port, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
		assertThat(HttpCalls.call(this.port, "GET", "/actuator/prometheus", TestTokens.token("root", null, "ADMIN"), null)
			.statusCode()).isEqualTo(403);
	}
}
