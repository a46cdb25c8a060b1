package dev.pulsecrm.systemtests.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pulsecrm.client.IdempotencyKey;
import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.Money;
import dev.pulsecrm.client.Page;
import dev.pulsecrm.client.kpi.KpiSnapshot;
import dev.pulsecrm.client.sales.Account;
import dev.pulsecrm.client.sales.CreateAccount;
import dev.pulsecrm.client.sales.CreateDeal;
import dev.pulsecrm.client.sales.Deal;
import dev.pulsecrm.client.sales.DealType;
import dev.pulsecrm.client.sales.MoveDeal;
import dev.pulsecrm.client.sales.Pipeline;
import dev.pulsecrm.client.sales.PipelineStage;
import dev.pulsecrm.client.support.CreateTicket;
import dev.pulsecrm.client.support.Priority;
import dev.pulsecrm.client.support.Ticket;
import dev.pulsecrm.systemtests.PlatformProcesses;
import dev.pulsecrm.systemtests.reliability.MixedLoad.Domain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reliability over replicas (issue 9): two replicas of each domain service behind the gateway, each domain's replicas
 * sharing one store that outlives them; kpi-service and the gateway run once. The tests run in order on the one
 * platform (starting eight JVMs on two cores is the expensive part): conflicting updates across replicas, a replica of
 * each domain SIGKILLed and restarted under load, a replica SIGTERMed under load, then support down for 30 s. Every
 * request to the public API goes through its typed OpenFeign clients ({@link Clients}), one set per token; only the
 * actuator (readiness, Prometheus) is read with a plain HTTP client.
 * Reports go to {@code system-tests/target/reliability/report.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

	static final List<String> DOMAINS = List.of("sales-service", "marketing-service", "support-service");

	static final int CONCURRENCY = 32;

	static SharedStores stores;

	static PlatformProcesses platform;

	/** The load's clients: one token with the three departments' roles and MANAGER (for the KPIs). */
	static Clients api;

	static Path report;

	@BeforeAll
	static void start() {
		long started = System.nanoTime();
		stores = SharedStores.start(DOMAINS);
		PlatformProcesses.Options options = PlatformProcesses.Options.named("reliability")
			.replicas(2)
			// one load client sends hundreds of requests a second: lift the per-client budget of the gateway
			.env("CRM_RATE_LIMIT_PER_SECOND", "100000")
			.env("CRM_RATE_LIMIT_BURST", "100000");
		for (String domain : DOMAINS) {
			options = options.store(domain, stores.uri(domain));
		}
		platform = PlatformProcesses.create(options);
		report = platform.work().resolve("report.md");
		try {
			java.nio.file.Files.deleteIfExists(report);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		api = Clients.of(platform.gateway(), platform.token("SALES,MARKETING,SUPPORT,MANAGER", "loadgen", "load"));
		PhaseReport.print(report, "## Reliability run " + java.time.Instant.now() + "\n\nplatform of "
				+ (DOMAINS.size() * 2 + 2) + " processes ready in " + seconds(started) + " s; every request through "
				+ api.transport());
	}

	@AfterAll
	static void stop() {
		if (api != null) {
			api.close();
		}
		if (platform != null) {
			platform.close();
		}
		if (stores != null) {
			stores.close();
		}
	}

	/**
	 * Ten stage moves of one deal at once, each from the stage its client saw, spread by the gateway over both sales
	 * replicas: exactly one applies, the others get 409 (the deal's version changed under them, or it is no longer in
	 * their {@code fromStage}), and the history gains exactly one entry.
	 */
	@Test
	@Order(1)
	void concurrentConflictingUpdatesHaveExactlyOneWinner() throws Exception {
		List<PipelineStage> stages = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			stages.add(new PipelineStage("S" + i, "Stage " + i, i, i / 20.0));
		}
		try (Clients admin = Clients.of(platform.gateway(), platform.token("ADMIN", "admin", null));
				Clients sales = Clients.of(platform.gateway(), platform.token("SALES", "rep", "conflict"))) {
			admin.sales.replacePipeline(new Pipeline(stages));
			Account account = sales.sales.createAccount(new CreateAccount("Conflict Corp", "Software", "EMEA", "SMB",
					"rep", "conflict", null, null));
			ExecutorService pool = Executors.newFixedThreadPool(10);
			try {
				for (int round = 0; round < 5; round++) {
					Deal deal = sales.sales.createDeal(new CreateDeal(account.id(), "Contested " + round, "rep",
							"conflict", Money.usd("100.00"), DealType.NEW_BUSINESS, null, null, null, null, null, null,
							null));
					assertThat(deal.stage()).isEqualTo("S1");

					CountDownLatch go = new CountDownLatch(1);
					List<Future<Clients.Outcome<Deal>>> moves = new ArrayList<>();
					for (int i = 2; i <= 11; i++) {
						// each from the stage it saw: S1
						MoveDeal move = new MoveDeal("S" + i, null, "S1");
						moves.add(pool.submit(() -> {
							go.await();
							return Clients.call(() -> sales.sales.moveDeal(deal.id(), move));
						}));
					}
					go.countDown();
					List<Clients.Outcome<Deal>> replies = new ArrayList<>();
					for (Future<Clients.Outcome<Deal>> move : moves) {
						replies.add(move.get(60, TimeUnit.SECONDS));
					}
					List<Clients.Outcome<Deal>> winners = replies.stream().filter(Clients.Outcome::ok).toList();
					assertThat(winners).as("round %d: %s", round, statuses(replies)).hasSize(1);
					assertThat(replies.stream().filter((r) -> r.status() == 409 && r.isProblem()))
						.as("round %d: %s", round, statuses(replies))
						.hasSize(9);

					Deal after = sales.sales.getDeal(deal.id());
					String winnerStage = winners.get(0).value().stage();
					assertThat(after.stage()).isEqualTo(winnerStage);
					assertThat(after.stageHistory()).hasSize(2);
					assertThat(after.stageHistory().get(1).stage()).isEqualTo(winnerStage);
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
		PhaseReport.print(report, "conflicts: 5 rounds of 10 concurrent stage moves of one deal over 2 sales "
				+ "replicas: each exactly 1 × 200 and 9 × 409, one new history entry");
	}

	/**
	 * Mixed reads and writes at concurrency 32 for over two minutes while one replica of each domain service is
	 * SIGKILLed and started again: every acknowledged write is there afterwards, none is duplicated, and outside the
	 * kill window (kill → all three replicas ready again) not one request fails.
	 */
	@Test
	@Order(2)
	void aReplicaOfEachServiceKilledUnderLoadLosesNoAcknowledgedWrite() throws Exception {
		List<String> phases = List.of("before", "kill window", "after");
		MixedLoad load = new MixedLoad(api, "kill-" + UUID.randomUUID().toString().substring(0, 8), CONCURRENCY,
				phases);
		List<String> victims = DOMAINS.stream().map((domain) -> domain + "#1").toList();
		Map<String, Double> seconds = new LinkedHashMap<>();

		long start = System.nanoTime();
		load.start();
		Thread.sleep(20_000);
		load.phase("kill window");
		long killed = System.nanoTime();
		seconds.put("before", (killed - start) / 1e9);
		victims.forEach(platform::kill);
		victims.forEach(platform::launchInstance);
		victims.forEach(platform::awaitReady);
		long ready = System.nanoTime();
		load.phase("after");
		seconds.put("kill window", (ready - killed) / 1e9);
		long after = Math.max(20_000, 122_000 - (ready - start) / 1_000_000);
		Thread.sleep(after);
		load.stop();
		seconds.put("after", (System.nanoTime() - ready) / 1e9);

		Map<String, List<String>> stored = readBack(load.runId());
		Set<String> foundIds = new HashSet<>();
		List<String> duplicated = new ArrayList<>();
		stored.forEach((externalId, ids) -> {
			foundIds.addAll(ids);
			if (ids.size() > 1) {
				duplicated.add(externalId + " " + ids);
			}
		});
		List<PhaseReport.Row> rows = PhaseReport.rows(phases, seconds, load, foundIds);
		long unacknowledged = load.writes.stream().filter((w) -> !w.acknowledged()).count();
		long retried = load.writes.stream().filter((w) -> w.attempts > 1).count();
		PhaseReport.print(report, PhaseReport.table("\n### Replica kill under load: concurrency " + CONCURRENCY
				+ ", SIGKILL of " + victims + " at +" + Math.round(seconds.get("before")) + " s, restarted at once",
				rows) + "\nwrites: " + load.writes.size() + ", retried by the client: " + retried
				+ ", never acknowledged: " + unacknowledged + ", records stored: " + foundIds.size()
				+ ", duplicated externalIds: " + duplicated.size() + "\n" + PhaseReport.errorStatuses(phases, load)
				+ "\nerror examples: "
				+ String.join("\n  ", load.errorExamples));

		assertThat(duplicated).as("externalIds stored more than once").isEmpty();
		for (PhaseReport.Row row : rows) {
			assertThat(row.writesFound()).as("acknowledged writes found, " + row.phase()).isEqualTo(row.writesAcked());
		}
		assertThat(unacknowledged).as("writes never acknowledged despite retries").isZero();
		assertThat(rows.get(0).errors()).as("errors before the kill").isZero();
		assertThat(rows.get(2).errors()).as("errors after the replicas are back").isZero();
		assertThat(rows.get(0).requests()).isPositive();
		assertThat(rows.get(2).requests()).isPositive();
		assertThat(foundIds.size()).as("every write stored once").isEqualTo(load.writes.size());
	}

	/** Every record of the run, read back through the gateway page by page: externalId → ids. */
	static Map<String, List<String>> readBack(String runId) {
		Map<String, List<String>> stored = new HashMap<>();
		for (Domain domain : Domain.values()) {
			for (int page = 0;; page++) {
				int number = page;
				List<MixedLoad.Stored> items = Clients.call(() -> MixedLoad.list(api, domain, number, 500)).get();
				for (MixedLoad.Stored item : items) {
					String externalId = (item.externalId() != null) ? item.externalId() : "";
					if (externalId.startsWith(runId + "-")) {
						stored.computeIfAbsent(externalId, (key) -> new ArrayList<>()).add(item.id());
					}
				}
				if (items.size() < 500) {
					break;
				}
			}
		}
		return stored;
	}

	/**
	 * SIGTERM to a support replica while an import runs on it and the load goes on: its readiness turns DOWN at once,
	 * the import in flight completes, and the replica answers nothing with 5xx while it drains (new connections are
	 * refused instead). It stays stopped: the next test stops the other one too.
	 */
	@Test
	@Order(3)
	void aReplicaStoppedWithSigtermFinishesItsInFlightRequests() throws Exception {
		String victim = "support-service#1";
		URI direct = platform.direct(victim);
		Clients replica = Clients.of(direct, platform.token("SUPPORT", "importer", null));
		String account = "graceful-" + UUID.randomUUID().toString().substring(0, 8);
		StringBuilder ndjson = new StringBuilder();
		// small enough to finish well within the 20 s graceful-shutdown phase on a loaded two-core machine: under the
		// 32-worker load a line took 30 to 150 ms (150 lines once took 22 s and were cut off by the phase's end), so
		// 80 lines take 2.5 to 12 s; SIGTERM is sent as soon as the first lines are stored, not after a fixed wait
		int lines = 80;
		for (int i = 0; i < lines; i++) {
			ndjson.append("{\"type\":\"ticket\",\"accountId\":\"").append(account)
				.append("\",\"subject\":\"Imported ").append(i)
				.append("\",\"priority\":\"LOW\",\"channel\":\"EMAIL\",\"externalId\":\"").append(account)
				.append("-").append(i).append("\"}\n");
		}

		MixedLoad load = new MixedLoad(api, "term-" + UUID.randomUUID().toString().substring(0, 8), CONCURRENCY,
				List.of("before", "SIGTERM", "after"));
		Map<String, Double> seconds = new LinkedHashMap<>();
		ExecutorService side = Executors.newCachedThreadPool();
		AtomicBoolean probing = new AtomicBoolean(true);
		ConcurrentLinkedQueue<int[]> directStatuses = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> readiness = new ConcurrentLinkedQueue<>();
		try {
			long start = System.nanoTime();
			load.start();
			Thread.sleep(10_000);
			// a long request in flight on the victim, and steady short ones straight to it
			Future<Clients.Outcome<ImportReport>> importing = side
				.submit(() -> Clients.call(() -> replica.support.importLines(ndjson.toString())));
			for (int i = 0; i < 4; i++) {
				side.submit(() -> {
					while (probing.get()) {
						Clients.Outcome<?> reply = Clients.call(() -> replica.support.listTickets(null, null, null, null,
								null, null, null, null, null, 0, 5));
						directStatuses.add(new int[] { reply.status() });
						if (reply.status() == Clients.TRANSPORT) {
							// refused: once the port is closed it stays closed; spinning on it would only take CPU
							// from the shared stores the import in flight writes to
							Thread.sleep(20);
						}
					}
					return null;
				});
			}
			HttpClient keepAlive = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			HttpRequest probe = HttpRequest.newBuilder(direct.resolve("/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			assertThat(keepAlive.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
			long storedAtSignal = awaitFirstImported(replica, account);
			assertThat(importing.isDone()).as("the import is still running when SIGTERM arrives (%d of %d lines stored)",
					storedAtSignal, lines).isFalse();

			load.phase("SIGTERM");
			long signalled = System.nanoTime();
			seconds.put("before", (signalled - start) / 1e9);
			Process process = platform.terminate(victim);
			while (process.isAlive() && System.nanoTime() - signalled < 40_000_000_000L) {
				try {
					int status = keepAlive.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
					readiness.add(((System.nanoTime() - signalled) / 1_000_000) + "ms:" + status);
				}
				catch (java.io.IOException ex) {
					readiness.add(((System.nanoTime() - signalled) / 1_000_000) + "ms:refused");
				}
				Thread.sleep(25);
			}
			long exited = System.nanoTime();
			assertThat(process.isAlive()).as("the replica exits within its graceful shutdown timeout").isFalse();
			probing.set(false);
			Clients.Outcome<ImportReport> imported = importing.get(30, TimeUnit.SECONDS);
			load.phase("after");
			seconds.put("SIGTERM", (exited - signalled) / 1e9);
			Thread.sleep(10_000);
			load.stop();
			seconds.put("after", (System.nanoTime() - exited) / 1e9);

			Map<String, List<String>> stored = readBack(load.runId());
			Set<String> foundIds = new HashSet<>();
			stored.values().forEach(foundIds::addAll);
			List<PhaseReport.Row> rows = PhaseReport.rows(List.of("before", "SIGTERM", "after"), seconds, load,
					foundIds);
			Map<Integer, Long> direct5xx = new HashMap<>();
			directStatuses.forEach((s) -> direct5xx.merge(s[0], 1L, Long::sum));
			Clients.Outcome<Page<Ticket>> listed = Clients.call(() -> api.support.listTickets(null, null, null, null,
					account, null, null, null, null, 0, 1));
			PhaseReport.print(report, PhaseReport.table("\n### SIGTERM of " + victim + " under load (concurrency "
					+ CONCURRENCY + "), a " + lines + "-line import in flight on it", rows)
					+ "\nimport in flight: " + imported.describe() + " after " + imported.millis() + " ms, answered "
					+ (imported.answeredNanos() - signalled) / 1_000_000 + " ms after SIGTERM; exit "
					+ (exited - signalled) / 1_000_000 + " ms after SIGTERM (exit code " + process.exitValue() + ")"
					+ "\ndirect requests to the replica by status (200: answered, -1: no answer, not accepted): "
					+ direct5xx
					+ "\nreadiness after SIGTERM (keep-alive probe, every 25 ms): " + summary(readiness) + "\n"
					+ PhaseReport.errorStatuses(List.of("before", "SIGTERM", "after"), load) + "\nerror examples: "
					+ String.join("\n  ", load.errorExamples));

			assertThat(imported.get().imported()).as("lines imported by the request in flight").isEqualTo(lines);
			assertThat(imported.answeredNanos()).as("the import was answered after SIGTERM").isGreaterThan(signalled);
			assertThat(listed.get().total()).as("tickets imported").isEqualTo(lines);
			assertThat(direct5xx.keySet()).as("statuses the replica answered while draining").allMatch(
					(status) -> status == 200 || status == -1);
			// the JVM needs a moment to act on the signal; from then on readiness stays down
			List<String> probes = List.copyOf(readiness);
			int firstDown = 0;
			while (firstDown < probes.size() && probes.get(firstDown).endsWith(":200")) {
				firstDown++;
			}
			assertThat(firstDown).as("readiness goes down after SIGTERM: %s", probes).isLessThan(probes.size());
			assertThat(Long.parseLong(probes.get(firstDown).substring(0, probes.get(firstDown).indexOf("ms"))))
				.as("readiness down within a second of SIGTERM").isLessThan(1000);
			assertThat(probes.subList(firstDown, probes.size())).as("readiness never reports UP again")
				.noneMatch((entry) -> entry.endsWith(":200"));
			assertThat(rows.get(0).errors()).as("errors before SIGTERM").isZero();
			// the gateway's static list still names the stopped replica: what its requests get is reported, not
			// asserted (Kubernetes takes a replica out of its Service when readiness turns DOWN)
			for (PhaseReport.Row row : rows) {
				assertThat(row.writesFound()).as("acknowledged writes found, " + row.phase())
					.isEqualTo(row.writesAcked());
			}
		}
		finally {
			probing.set(false);
			side.shutdownNow();
			replica.close();
		}
	}

	/** Waits (at most 10 s) until the import has stored its first tickets; returns how many it had stored. */
	private static long awaitFirstImported(Clients replica, String account) throws InterruptedException {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < deadline) {
			Clients.Outcome<Page<Ticket>> listed = Clients.call(() -> replica.support.listTickets(null, null, null, null,
					account, null, null, null, null, 0, 1));
			if (listed.ok() && listed.get().total() > 0) {
				return listed.get().total();
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the import stored no ticket within 10 s");
	}

	/**
	 * support-service (every replica) down for 30 s: the gateway answers its routes with 503 problems at once, the
	 * KPIs mark support unavailable and keep sales and marketing, kpi-service's breaker for support shows in
	 * Prometheus; within seconds of support's return everything answers again.
	 */
	@Test
	@Order(4)
	void supportDownFor30SecondsDegradesQuicklyAndRecovers() throws Exception {
		URI kpiService = platform.direct("kpi-service");
		List<String> support = platform.instances("support-service");
		support.forEach(platform::stop);
		long down = System.nanoTime();

		long slowest = 0;
		int answered = 0;
		boolean breakerOpenSeen = false;
		KpiSnapshot degraded = null;
		while (System.nanoTime() - down < 30_000_000_000L) {
			for (Clients.Outcome<?> reply : List.of(
					Clients.call(() -> api.support.listTickets(null, null, null, null, null, null, null, null, null, 0,
							20)),
					Clients.call(() -> IdempotencyKey.with(UUID.randomUUID().toString(),
							() -> api.support.createTicket(new CreateTicket("a", "down", Priority.LOW, "EMAIL", null,
									null, null, null, null)))),
					Clients.call(() -> api.support.getSlaPolicies()))) {
				assertThat(reply.status()).as(reply.describe()).isEqualTo(503);
				assertThat(reply.isProblem()).as("a problem document: %s", reply.describe()).isTrue();
				assertThat(reply.millis()).as("a 503 comes quickly").isLessThan(2000);
				slowest = Math.max(slowest, reply.millis());
				answered++;
			}
			degraded = api.kpis.snapshot(null, null, null);
			breakerOpenSeen |= sample(scrape(kpiService), "resilience4j_circuitbreaker_state", "name=\"support\"",
					"state=\"open\"") == 1.0;
			Thread.sleep(1000);
		}
		assertThat(degraded.sources()).containsEntry("support", "DOWN")
			.containsEntry("sales", "UP")
			.containsEntry("marketing", "UP");
		Map<String, String> statuses = new LinkedHashMap<>();
		degraded.kpis().forEach((kpi) -> statuses.put(kpi.key(), kpi.status()));
		statuses.forEach((key, status) -> {
			if (key.startsWith("support.")) {
				assertThat(status).as(key).isEqualTo("SOURCE_UNAVAILABLE");
			}
			if (key.startsWith("sales.") || key.startsWith("marketing.")) {
				assertThat(status).as(key).isIn("OK", "NO_DATA");
			}
		});
		assertThat(statuses).containsEntry("sales.pipeline_value", "OK").containsEntry("marketing.new_leads", "OK");
		assertThat(breakerOpenSeen).as("kpi-service's breaker for support opened").isTrue();
		String scrape = scrape(kpiService);
		assertThat(sample(scrape, "resilience4j_circuitbreaker_state", "name=\"sales\"", "state=\"closed\""))
			.isEqualTo(1.0);
		assertThat(sample(scrape, "crm_kpi_source_up", "source=\"support\"")).isEqualTo(0.0);
		assertThat(sample(scrape, "resilience4j_circuitbreaker_calls_seconds_count", "name=\"support\"",
				"kind=\"failed\"")).isPositive();

		support.forEach(platform::launchInstance);
		support.forEach(platform::awaitReady);
		long back = System.nanoTime();
		await("support through the gateway and in the KPIs").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Clients.call(() -> api.support.listTickets(null, null, null, null, null, null, null, null,
					null, 0, 20)).ok() && "UP".equals(Clients.call(() -> api.kpis.snapshot(null, null, null)
						.sources()
						.get("support")).value()));
		double recovered = (System.nanoTime() - back) / 1e9;
		await("support's breaker closed").atMost(Duration.ofSeconds(20)).until(() -> sample(scrape(kpiService),
				"resilience4j_circuitbreaker_state", "name=\"support\"", "state=\"closed\"") == 1.0);
		KpiSnapshot healthy = api.kpis.snapshot(null, null, null);
		healthy.kpis().forEach((kpi) -> assertThat(kpi.status()).as(kpi.key()).isNotEqualTo("SOURCE_UNAVAILABLE"));
		PhaseReport.print(report, "\n### support-service down for 30 s (both replicas)\n" + answered
				+ " requests to support routes through the gateway: all 503 problem responses, slowest " + slowest
				+ " ms; KPIs: support DOWN, support.* SOURCE_UNAVAILABLE, sales and marketing UP; kpi-service's "
				+ "support breaker open in Prometheus\nback: support through the gateway and in the KPIs "
				+ String.format("%.1f", recovered) + " s after its replicas were ready (down for "
				+ Math.round((back - down) / 1e9) + " s in all, restarts included)");
	}

	/**
	 * kpi-service's Prometheus exposition, read straight from the service (the actuator is not part of the public
	 * API, so no typed client has it).
	 */
	static String scrape(URI kpiService) throws java.io.IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(kpiService.resolve("/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = SCRAPER.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("scrape of kpi-service").isEqualTo(200);
		return response.body();
	}

	static final HttpClient SCRAPER = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/** The value of the first sample of {@code name} whose labels contain every one of {@code labels}, or NaN. */
	static double sample(String exposition, String name, String... labels) {
		for (String line : exposition.split("\n")) {
			if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
				continue;
			}
			boolean all = true;
			for (String label : labels) {
				all &= line.contains(label);
			}
			if (all) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return Double.NaN;
	}

	/** "0ms:503" samples as runs: {@code 503 from 120 ms to 870 ms, refused from 900 ms to 4100 ms}. */
	static String summary(java.util.Collection<String> samples) {
		List<String> runs = new ArrayList<>();
		String current = null;
		String first = null;
		String last = null;
		for (String sample : samples) {
			String[] parts = sample.split(":");
			if (!parts[1].equals(current)) {
				if (current != null) {
					runs.add(current + " from " + first + " to " + last);
				}
				current = parts[1];
				first = parts[0];
			}
			last = parts[0];
		}
		if (current != null) {
			runs.add(current + " from " + first + " to " + last);
		}
		return String.join(", ", runs);
	}

	static Map<Integer, Long> statuses(List<? extends Clients.Outcome<?>> replies) {
		Map<Integer, Long> counts = new HashMap<>();
		replies.forEach((reply) -> counts.merge(reply.status(), 1L, Long::sum));
		return counts;
	}

	static long seconds(long since) {
		return Math.round((System.nanoTime() - since) / 1e9);
	}
}
