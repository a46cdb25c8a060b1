package dev.pulsecrm.systemtests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.pulsecrm.client.Money;
import dev.pulsecrm.client.sales.Account;
import dev.pulsecrm.client.sales.AccountStatus;
import dev.pulsecrm.client.sales.CreateAccount;
import dev.pulsecrm.client.sales.CreateDeal;
import dev.pulsecrm.client.sales.Deal;
import dev.pulsecrm.client.sales.DealStatus;
import dev.pulsecrm.client.sales.DealType;
import dev.pulsecrm.client.sales.MoveDeal;
import dev.pulsecrm.client.sales.SalesClient;
import dev.pulsecrm.client.sales.WinDeal;
import dev.pulsecrm.systemtests.PlatformProcesses;
import org.junit.jupiter.api.Test;

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
		try (PlatformProcesses platform = PlatformProcesses.create(options);
				// the service validates the JWT itself: its typed client called directly, as behind the gateway
				Clients clients = Clients.of(platform.direct(SALES), platform.token("SALES", "alice", "emea"))) {
			SalesClient sales = clients.sales;
			List<String> accounts = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				accounts.add(sales.createAccount(account("restart-" + i)).id());
			}
			String deal = sales.createDeal(new CreateDeal(accounts.get(0), "Kept", "alice", "emea",
					Money.usd("750.00"), DealType.NEW_BUSINESS, null, null, null, null, null, null, null)).id();
			assertThat(sales.moveDeal(deal, new MoveDeal("PROPOSAL", null)).stage()).isEqualTo("PROPOSAL");
			assertThat(sales.winDeal(deal, new WinDeal(null, null)).status()).isEqualTo(DealStatus.WON);
			Path file = platform.work().resolve("data/sales/mongo.mv");
			assertThat(file).exists();

			platform.stop(SALES); // SIGTERM: graceful, the store is closed
			platform.start(SALES);

			for (String id : accounts) {
				Clients.Outcome<Account> account = Clients.call(() -> sales.getAccount(id));
				assertThat(account.ok()).as(account.describe()).isTrue();
			}
			assertThat(sales.getAccount(accounts.get(0)).status()).isEqualTo(AccountStatus.CUSTOMER);
			Deal kept = sales.getDeal(deal);
			assertThat(kept.status()).isEqualTo(DealStatus.WON);
			assertThat(kept.stageHistory()).hasSize(2);
			assertThat(total(sales)).isEqualTo(20);
			// the same externalId after the restart is the same record, not a second one
			Account again = sales.createAccount(account("restart-3"));
			assertThat(again.id()).isEqualTo(accounts.get(3));
			assertThat(total(sales)).as("accounts after creating restart-3 again").isEqualTo(20);

			// SIGKILL right after acknowledged writes: measured and reported
			List<String> lastWords = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				lastWords.add(sales.createAccount(account("killed-" + i)).id());
			}
			platform.kill(SALES);
			platform.start(SALES);
			long survived = lastWords.stream().filter((id) -> Clients.call(() -> sales.getAccount(id)).ok()).count();
			for (String id : accounts) {
				assertThat(sales.getAccount(id).id()).isEqualTo(id);
			}
			PhaseReport.print(Path.of(System.getProperty("crm.root", "..")).resolve(
					"system-tests/target/reliability/report.md"), "\n### Embedded store (H2 file) restarted\n"
							+ "SIGTERM + start: 20 accounts and a won deal with its history all there, same externalId "
							+ "→ same record; SIGKILL within ms of 10 acknowledged creates: " + survived
							+ "/10 there after the restart (H2 MVStore commits about once a second); "
							+ Math.round((System.nanoTime() - started) / 1e9) + " s");
		}
	}

	static long total(SalesClient sales) {
		return sales.listAccounts(null, null, null, null, null, 0, 1).total();
	}

	static CreateAccount account(String externalId) {
		return new CreateAccount("Durable " + externalId, "Software", "EMEA", "SMB", "alice", "emea", externalId, null);
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
