package dev.pulsecrm.systemtests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.pulsecrm.systemtests.PlatformProcesses;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode ({@code ./crm up}): no MongoDB URI, the embedded store on its H2 file under the data directory. Data
 * written before the service process stops is there after it starts again. A SIGKILL is measured too: the H2 store
 * commits in the background (MVStore's auto-commit, about every second), so writes acknowledged just before a kill
 * may be missing; that is reported, not asserted (production runs on MongoDB, whose writes are durable on ack).
 */
class EmbeddedStoreRestartIT {

	static final String SALES = "sales-service";

	@Test
	void dataWrittenBeforeARestartIsThereAfterIt() throws IOException {
		Path work = Path.of(System.getProperty("crm.root", "..")).resolve("system-tests/target/embedded-restart");
		deleteRecursively(work.resolve("data"));
		PlatformProcesses.Options options = PlatformProcesses.Options.named("embedded-restart")
			.backend("h2")
			.only(SALES);
		long started = System.nanoTime();
		try (PlatformProcesses platform = PlatformProcesses.create(options)) {
			// the service validates the JWT itself: called directly, as behind the gateway
			Http sales = new Http(platform.direct(SALES), platform.token("SALES", "alice", "emea"));
			List<String> accounts = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				accounts.add(createAccount(sales, "restart-" + i));
			}
			String deal = sales.post("/api/sales/deals", Map.of("accountId", accounts.get(0), "name", "Kept",
					"ownerId", "alice", "team", "emea", "type", "NEW_BUSINESS", "amount",
					Map.of("amount", "750.00", "currency", "USD")), Map.of()).json().get("id").asString();
			assertThat(sales.post("/api/sales/deals/" + deal + "/stage", Map.of("stage", "PROPOSAL"), Map.of()).status())
				.isEqualTo(200);
			assertThat(sales.post("/api/sales/deals/" + deal + "/win", Map.of(), Map.of()).status()).isEqualTo(200);
			Path file = platform.work().resolve("data/sales/mongo.mv");
			assertThat(file).exists();

			platform.stop(SALES); // SIGTERM: graceful, the store is closed
			platform.start(SALES);

			for (String id : accounts) {
				Http.Reply account = sales.get("/api/sales/accounts/" + id);
				assertThat(account.status()).as(account.body()).isEqualTo(200);
			}
			assertThat(sales.get("/api/sales/accounts/" + accounts.get(0)).json().get("status").asString())
				.isEqualTo("CUSTOMER");
			JsonNode kept = sales.get("/api/sales/deals/" + deal).json();
			assertThat(kept.get("status").asString()).isEqualTo("WON");
			assertThat(kept.get("stageHistory")).hasSize(2);
			assertThat(sales.get("/api/sales/accounts?size=1").json().get("total").asLong()).isEqualTo(20);
			// the same externalId after the restart is the same record, not a second one
			Http.Reply again = sales.post("/api/sales/accounts", account("restart-3"), Map.of());
			assertThat(again.status()).isEqualTo(200);
			assertThat(again.json().get("id").asString()).isEqualTo(accounts.get(3));

			// SIGKILL right after acknowledged writes: measured and reported
			List<String> lastWords = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				lastWords.add(createAccount(sales, "killed-" + i));
			}
			platform.kill(SALES);
			platform.start(SALES);
			long survived = lastWords.stream().filter((id) -> sales.get("/api/sales/accounts/" + id).status() == 200)
				.count();
			for (String id : accounts) {
				assertThat(sales.get("/api/sales/accounts/" + id).status()).isEqualTo(200);
			}
			PhaseReport.print(Path.of(System.getProperty("crm.root", "..")).resolve(
					"system-tests/target/reliability/report.md"), "\n### Embedded store (H2 file) restarted\n"
							+ "SIGTERM + start: 20 accounts and a won deal with its history all there, same externalId "
							+ "→ same record; SIGKILL within ms of 10 acknowledged creates: " + survived
							+ "/10 there after the restart (H2 MVStore commits about once a second); "
							+ Math.round((System.nanoTime() - started) / 1e9) + " s");
		}
	}

	static String createAccount(Http sales, String externalId) {
		Http.Reply reply = sales.post("/api/sales/accounts", account(externalId), Map.of());
		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		return reply.json().get("id").asString();
	}

	static Map<String, Object> account(String externalId) {
		return Map.of("name", "Durable " + externalId, "industry", "Software", "region", "EMEA", "segment", "SMB",
				"ownerId", "alice", "team", "emea", "externalId", externalId);
	}

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
