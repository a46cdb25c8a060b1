package dev.pulsecrm.client;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of this module's client tests (every subclass shares it): the auto-configured clients
 * pointed at a {@link FakeGateway} with a fixed token.
 */
@SpringBootTest(classes = ClientTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class FakeGatewayTest {

	protected static final String TOKEN = "test-token";

	protected static final FakeGateway gateway = new FakeGateway();

	protected static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void pointAtTheFakeGateway(DynamicPropertyRegistry registry) {
		registry.add("pulsecrm.api.url", gateway::url);
		registry.add("pulsecrm.api.token", () -> TOKEN);
	}

	@BeforeEach
	void forgetEarlierRequests() {
		gateway.reset();
	}

	protected static JsonNode jsonOf(String body) {
		return json.readTree(body);
	}
}
