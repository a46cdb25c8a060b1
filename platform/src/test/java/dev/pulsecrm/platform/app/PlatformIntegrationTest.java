package dev.pulsecrm.platform.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.pulsecrm.platform.audit.AuditEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The platform as a service sees it: embedded MongoDB behind the real driver, JWT validation with the department
 * role, object-level rules from the caller, problem responses, the audit log.
 */
@SpringBootTest(properties = { "crm.security.department-role=SALES",
		"crm.security.admin-paths=GET /api/notes-audit", "crm.audit.path=/api/notes-audit",
		"crm.security.jwt.issuer=test-issuer", "spring.application.name=notes" })
@AutoConfigureMockMvc
class PlatformIntegrationTest {

	static final KeyPair KEYS = keys();

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	dev.pulsecrm.platform.rollup.Rollups rollups;

	@DynamicPropertySource
	static void jwt(DynamicPropertyRegistry registry) throws Exception {
		Path pem = Files.createTempFile("platform-test", ".pem");
		Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		registry.add("crm.security.jwt.public-key-location", () -> "file:" + pem);
	}

	@Test
	void theEmbeddedMongoServesTheRealDriverAndReportsHealthy() throws Exception {
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		assertThat(this.mongo.getDb().getName()).isEqualTo("notes");
	}

	@Test
	void aRequestWithoutTokenIsRefusedWithAProblem() throws Exception {
		this.mvc.perform(post("/api/notes").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"hi\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anotherDepartmentsRoleIsRefused() throws Exception {
		this.mvc.perform(post("/api/notes").header("Authorization", bearer("mia", null, "MARKETING"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"hi\"}")).andExpect(status().isForbidden());
	}

	@Test
	void aManagerReadsButDoesNotWrite() throws Exception {
		String id = create("ann", "emea");
		this.mvc.perform(get("/api/notes/" + id).header("Authorization", bearer("boss", null, "MANAGER")))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/notes").header("Authorization", bearer("boss", null, "MANAGER"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"hi\"}")).andExpect(status().isForbidden());
	}

	@Test
	void userACannotChangeUserBsRecordButATeamMemberCan() throws Exception {
		String id = create("ann", "emea");
		this.mvc.perform(post("/api/notes/" + id + "/edit").header("Authorization", bearer("bob", "apac", "SALES"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"mine now\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/notes/" + id).header("Authorization", bearer("ann", "emea", "SALES")))
			.andExpect(jsonPath("$.text").value("first"));
		this.mvc.perform(post("/api/notes/" + id + "/edit").header("Authorization", bearer("cat", "emea", "SALES"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"team edit\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.text").value("team edit"));
	}

	@Test
	void everyChangeIsAuditedWithWhoAndBeforeAfterReadableByAdminsOnly() throws Exception {
		String id = create("ann", "emea");
		this.mvc.perform(post("/api/notes/" + id + "/edit").header("Authorization", bearer("ann", "emea", "SALES"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"second\"}")).andExpect(status().isOk());

		this.mvc.perform(get("/api/notes-audit?entityId=" + id).header("Authorization", bearer("ann", "emea", "SALES")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/notes-audit?entityId=" + id).header("Authorization", bearer("root", null, "ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].action").value("UPDATE"))
			.andExpect(jsonPath("$.items[0].actor").value("ann"))
			.andExpect(jsonPath("$.items[0].before.text").value("first"))
			.andExpect(jsonPath("$.items[0].after.text").value("second"))
			.andExpect(jsonPath("$.items[1].action").value("CREATE"));
	}

	@Test
	void savesAndImportsKeepTheRollupsExactAndAnImportRefreshesEachRecordOnceAtItsEnd() throws Exception {
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		Instant to = from.plusSeconds(3600);
		long before = this.rollups.reader("noted").sum("noted", from, to, null).get("").value("notes");
		long ledgerBefore = this.mongo.getCollection("rollup_ledger").countDocuments();
		String lines = String.join("\n", java.util.Collections.nCopies(30, "abcd"));
		this.mvc.perform(post("/api/notes/import").header("Authorization", bearer("ann", "emea", "SALES"))
			.contentType(MediaType.TEXT_PLAIN)
			.content(lines)).andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(30))
			.andExpect(jsonPath("$.ledgerDuringImport").value(ledgerBefore));
		var after = this.rollups.reader("noted").sum("noted", from, to, "team");
		assertThat(after.get("emea").value("notes")).isEqualTo(before + 30);
		assertThat(this.mongo.getCollection("rollup_ledger").countDocuments()).isEqualTo(ledgerBefore + 30);
		// an edit through save() moves the note's contribution: same count, new length
		String id = create("ann", "emea");
		long chars = this.rollups.reader("noted").sum("noted", Instant.EPOCH, Instant.now().plusSeconds(60), null)
			.get("").value("chars");
		this.mvc.perform(post("/api/notes/" + id + "/edit").header("Authorization", bearer("ann", "emea", "SALES"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"longer text\"}")).andExpect(status().isOk());
		assertThat(this.rollups.reader("noted").sum("noted", Instant.EPOCH, Instant.now().plusSeconds(60), null)
			.get("").value("chars")).isEqualTo(chars - "first".length() + "longer text".length());
	}

	@Test
	void recordsDeletedByIdOrByQueryLeaveTheRollups() throws Exception {
		Instant from = Instant.EPOCH;
		Instant to = Instant.now().plusSeconds(60);
		String one = create("dan", "apac");
		create("dan", "apac");
		create("dan", "apac");
		assertThat(this.rollups.reader("noted").sum("noted", from, to, "team").get("apac").value("notes")).isEqualTo(3);
		this.mongo.remove(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(one)), "notes");
		assertThat(this.rollups.reader("noted").sum("noted", from, to, "team").get("apac").value("notes")).isEqualTo(2);
		// by query and without a domain type: the listener reads the matching ids before the delete
		this.mongo.remove(org.springframework.data.mongodb.core.query.Query
			.query(org.springframework.data.mongodb.core.query.Criteria.where("team").is("apac")), "notes");
		assertThat(this.rollups.reader("noted").sum("noted", from, to, "team")).doesNotContainKey("apac");
	}

	@Test
	void badInputGetsProblemsAndWritesNothing() throws Exception {
		long before = this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes");
		long auditedBefore = this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), AuditEntry.COLLECTION);
		String token = bearer("ann", "emea", "SALES");
		this.mvc.perform(post("/api/notes").header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content("{\"text\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/notes").header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("text"));
		this.mvc.perform(post("/api/notes").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"ok\",\"at\":\"2999-01-01T00:00:00Z\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("at"));
		this.mvc.perform(post("/api/notes").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
			.content("[".repeat(3000) + "]".repeat(3000))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/notes/nope").header("Authorization", token)).andExpect(status().isNotFound());
		this.mvc.perform(post("/api/notes").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"" + "x".repeat(1_100_000) + "\"}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes")).isEqualTo(before);
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), AuditEntry.COLLECTION))
			.isEqualTo(auditedBefore);
	}

	@Test
	void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstResultAndWritesOnce() throws Exception {
		String token = bearer("ann", "emea", "SALES");
		long before = this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes");
		String first = this.mvc.perform(post("/api/notes").header("Authorization", token)
			.header("Idempotency-Key", "k-123")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"once\"}")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String again = this.mvc.perform(post("/api/notes").header("Authorization", token)
			.header("Idempotency-Key", "k-123")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"once\"}"))
			.andExpect(status().isCreated())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Idempotent-Replayed", "true"))
			.andReturn().getResponse().getContentAsString();
		assertThat(again).isEqualTo(first);
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes")).isEqualTo(before + 1);

		this.mvc.perform(post("/api/notes").header("Authorization", token)
			.header("Idempotency-Key", "k-123")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"different\"}")).andExpect(status().isUnprocessableContent());
		// another caller's key is another key
		this.mvc.perform(post("/api/notes").header("Authorization", bearer("bob", "emea", "SALES"))
			.header("Idempotency-Key", "k-123")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"once\"}")).andExpect(status().isCreated());
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes")).isEqualTo(before + 2);
	}

	@Test
	void aRefusedRequestIsNotRememberedSoItsRetryRunsAgain() throws Exception {
		String token = bearer("ann", "emea", "SALES");
		this.mvc.perform(post("/api/notes").header("Authorization", token)
			.header("Idempotency-Key", "k-bad")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"\"}")).andExpect(status().isBadRequest());
		this.mvc.perform(post("/api/notes").header("Authorization", token)
			.header("Idempotency-Key", "k-bad")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"\"}")).andExpect(status().isBadRequest());
	}

	@Test
	void problemsWrittenByFiltersHaveTheControllersShapeWithTheirInstanceAndNoNullMembers() throws Exception {
		String token = bearer("ann", "emea", "SALES");
		long before = this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes");
		MvcResult operator = this.mvc.perform(get("/api/notes").header("Authorization", token).param("ownerId[$ne]", "x"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.instance").value("/api/notes"))
			.andExpect(jsonPath("$.errors[0].field").value("ownerId[$ne]"))
			.andReturn();
		MvcResult badKey = this.mvc.perform(post("/api/notes").header("Authorization", token)
			.header("Idempotency-Key", "x".repeat(201))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"hi\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.instance").value("/api/notes"))
			.andExpect(jsonPath("$.detail").value("Idempotency-Key must be 1 to 200 characters"))
			.andReturn();
		MvcResult tooLarge = this.mvc.perform(post("/api/notes").header("Authorization", token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.instance").value("/api/notes"))
			.andExpect(jsonPath("$.status").value(413))
			.andReturn();
		for (MvcResult result : List.of(operator, badKey, tooLarge)) {
			String body = result.getResponse().getContentAsString();
			assertThat(body).startsWith("{\"type\":\"https://pulsecrm.dev/problems/").doesNotContain("null");
		}
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "notes")).isEqualTo(before);
	}

	private String create(String user, String team) throws Exception {
		MvcResult result = this.mvc.perform(post("/api/notes").header("Authorization", bearer(user, team, "SALES"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"first\",\"team\":\"" + team + "\"}")).andExpect(status().isCreated()).andReturn();
		String body = result.getResponse().getContentAsString();
		return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
	}

	static String bearer(String user, String team, String... roles) throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("test-issuer")
			.subject(user)
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.claim("roles", List.of(roles));
		if (team != null) {
			claims.claim("team", team);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
		jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
		return "Bearer " + jwt.serialize();
	}

	static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
