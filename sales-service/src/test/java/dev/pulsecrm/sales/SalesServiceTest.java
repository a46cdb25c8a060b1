package dev.pulsecrm.sales;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.platform.security.CallerProvider;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The one Spring context every integration test of this module shares (same annotations, same configuration, so the
 * context cache always hits): the real application on the embedded MongoDB, MockMvc, in-process gRPC (target
 * {@code in-process:sales-test}), and a caller
 * that a test can switch to a non-owner.
 */
@SpringBootTest(properties = { "spring.grpc.server.port=0", "spring.grpc.server.inprocess.name=sales-test" })
@AutoConfigureMockMvc
@Import(TestCallers.class)
public abstract class SalesServiceTest {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected ObjectMapper json;

	@Autowired
	protected SwitchableCaller caller;

	@AfterEach
	void actAsSystemAgain() {
		this.caller.actAs(Caller.SYSTEM);
	}

	/** A name no other test uses, so tests sharing the database do not see each other's records. */
	protected static String unique(String prefix) {
		return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
	}

	protected JsonNode postJson(String path, String body, int expectedStatus) {
		return perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body), expectedStatus);
	}

	protected JsonNode putJson(String path, String body, int expectedStatus) {
		return perform(put(path).contentType(MediaType.APPLICATION_JSON).content(body), expectedStatus);
	}

	protected JsonNode getJson(String path, int expectedStatus) {
		return perform(get(path), expectedStatus);
	}

	protected JsonNode perform(MockHttpServletRequestBuilder request, int expectedStatus) {
		try {
			MvcResult result = this.mvc.perform(request).andReturn();
			String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expectedStatus);
			if (expectedStatus >= 400) {
				assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
			}
			return body.isEmpty() ? null : this.json.readTree(body);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	protected String createAccount(String ownerId, String team) {
		return postJson("/api/sales/accounts", """
				{"name": "Acme", "industry": "Software", "region": "EMEA", "segment": "SMB",
				 "ownerId": "%s", "team": "%s", "createdAt": "2024-01-01T00:00:00Z"}""".formatted(ownerId, team), 201)
			.get("id")
			.asString();
	}

	protected String createDeal(String accountId, String ownerId, String team, String createdAt) {
		return postJson("/api/sales/deals", """
				{"accountId": "%s", "name": "Licences", "ownerId": "%s", "team": "%s",
				 "amount": {"amount": "1000.00", "currency": "EUR"}, "type": "NEW_BUSINESS",
				 "createdAt": "%s"}""".formatted(accountId, ownerId, team, createdAt), 201)
			.get("id")
			.asString();
	}

	/** Stands in for the JWT-derived caller: SYSTEM unless a test acts as someone else. */
	public static class SwitchableCaller implements CallerProvider {

		private volatile Caller current = Caller.SYSTEM;

		public void actAs(Caller caller) {
			this.current = caller;
		}

		@Override
		public Caller current() {
			return this.current;
		}
	}
}
