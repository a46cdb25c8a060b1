package dev.pulsecrm.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.pulsecrm.platform.security.Caller;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key left RUNNING by a replica that died mid-request (nothing removed it): a retry is refused with 409 while the
 * first might still run, and takes the key over once it is older than the running timeout.
 */
class IdempotencyFilterTakeOverTest {

	private MongoServer server;

	private MongoClient client;

	private MongoTemplate mongo;

	@BeforeEach
	void start() {
		this.server = new MongoServer(new MemoryBackend());
		this.server.bind("127.0.0.1", 0);
		this.client = MongoClients.create("mongodb://127.0.0.1:" + this.server.getLocalAddress().getPort());
		this.mongo = new MongoTemplate(this.client, "idempotency");
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void aKeyOrphanedByADeadReplicaIsTakenOverAfterTheRunningTimeout() throws Exception {
		Instant now = Instant.parse("2026-03-01T12:00:00Z");
		String body = "{\"name\":\"Acme\"}";
		String id = IdempotencyFilter.sha256("alice\nPOST\n/api/things\nk-1");
		// what a replica killed after claiming the key leaves behind
		this.mongo.insert(new Document("_id", id).append("state", "RUNNING")
			.append("bodyHash", IdempotencyFilter.sha256(body))
			.append("createdAt", Date.from(now.minusSeconds(20))), IdempotencyFilter.COLLECTION);

		AtomicInteger runs = new AtomicInteger();
		assertThat(send(now, body, runs).getStatus()).isEqualTo(409);
		assertThat(runs).hasValue(0);

		MockHttpServletResponse taken = send(now.plusSeconds(41), body, runs);
		assertThat(taken.getStatus()).isEqualTo(201);
		assertThat(runs).hasValue(1);
		// from then on the stored response is replayed
		MockHttpServletResponse replayed = send(now.plusSeconds(42), body, runs);
		assertThat(replayed.getStatus()).isEqualTo(201);
		assertThat(replayed.getHeader("Idempotent-Replayed")).isEqualTo("true");
		assertThat(runs).hasValue(1);
	}

	private MockHttpServletResponse send(Instant at, String body, AtomicInteger runs) throws Exception {
		IdempotencyFilter filter = new IdempotencyFilter(this.mongo,
				() -> new Caller("alice", null, Set.of("SALES")), Clock.fixed(at, ZoneOffset.UTC),
				Duration.ofSeconds(60));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/things");
		request.addHeader(IdempotencyFilter.HEADER, "k-1");
		request.setContentType("application/json");
		request.setContent(body.getBytes());
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest req,
					jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
				runs.incrementAndGet();
				res.setStatus(201);
				res.setContentType("application/json");
				res.getWriter().write("{\"id\":\"t1\"}");
			}
		}));
		return response;
	}
}
