package dev.pulsecrm.systemtests.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed pool of workers sending a mix of reads and writes through the gateway until stopped: creates of accounts
 * (sales), leads (marketing) and tickets (support), each with an {@code externalId} and an {@code Idempotency-Key};
 * reads of records created before, list pages and now and then the KPIs. A create that fails (transport error, 5xx,
 * 409 while its first attempt is still marked running, 429) is retried with the same key and body, as a careful client
 * does, until it is acknowledged or {@link #WRITE_DEADLINE} passes. Every attempt is a {@link Sample} of the phase its
 * operation began in, except that an attempt of an operation begun in the first phase belongs to the phase it ended
 * in: a request cut off by the kill belongs to the kill window, as does every retry of an operation begun in the kill
 * window, whenever it ends.
 */
final class MixedLoad {

	static final Duration WRITE_DEADLINE = Duration.ofSeconds(90);

	enum Domain {

		SALES("/api/sales/accounts"), MARKETING("/api/marketing/leads"), SUPPORT("/api/support/tickets");

		final String path;

		Domain(String path) {
			this.path = path;
		}

	}

	/** One HTTP attempt: its operation's phase, whether it failed, its latency. */
	record Sample(String phase, boolean write, boolean error, int status, long millis) {
	}

	/** A create and what became of it; {@code id} is set once acknowledged (2xx). */
	static final class Write {

		final Domain domain;

		final String externalId;

		final String phase;

		volatile String id;

		volatile int attempts;

		Write(Domain domain, String externalId, String phase) {
			this.domain = domain;
			this.externalId = externalId;
			this.phase = phase;
		}

		boolean acknowledged() {
			return this.id != null;
		}

	}

	private final Http http;

	private final String runId;

	private final int concurrency;

	private final List<String> phases;

	private volatile int phase;

	private volatile boolean running;

	private final ExecutorService workers;

	private final AtomicLong sequence = new AtomicLong();

	final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();

	final ConcurrentLinkedQueue<String> errorExamples = new ConcurrentLinkedQueue<>();

	private final Map<Domain, List<String>> acknowledged = new EnumMap<>(Domain.class);

	MixedLoad(Http http, String runId, int concurrency, List<String> phases) {
		this.phases = List.copyOf(phases);
		this.http = http;
		this.runId = runId;
		this.concurrency = concurrency;
		this.workers = Executors.newFixedThreadPool(concurrency, (runnable) -> {
			Thread thread = new Thread(runnable, "load-" + runId);
			thread.setDaemon(true);
			return thread;
		});
		for (Domain domain : Domain.values()) {
			this.acknowledged.put(domain, Collections.synchronizedList(new ArrayList<>()));
		}
	}

	/** Moves on to the next phase. */
	void phase(String name) {
		int next = this.phases.indexOf(name);
		if (next != this.phase + 1) {
			throw new IllegalArgumentException(name + " does not follow " + this.phases.get(this.phase));
		}
		this.phase = next;
	}

	String runId() {
		return this.runId;
	}

	void start() {
		this.running = true;
		for (int i = 0; i < this.concurrency; i++) {
			this.workers.submit(this::work);
		}
	}

	/** Stops issuing operations and waits for the ones under way (a write may still be retrying). */
	void stop() throws InterruptedException {
		this.running = false;
		this.workers.shutdown();
		if (!this.workers.awaitTermination(WRITE_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS)) {
			this.workers.shutdownNow();
			throw new AssertionError("load workers did not finish");
		}
	}

	private void work() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (this.running) {
			Domain domain = Domain.values()[random.nextInt(3)];
			int dice = random.nextInt(100);
			try {
				if (dice < 40) {
					create(domain);
				}
				else if (dice < 42) {
					read(this.phase, "/api/kpis");
				}
				else if (dice < 75) {
					readOne(domain, random);
				}
				else {
					read(this.phase, domain.path + "?size=20&page=" + random.nextInt(3));
				}
			}
			catch (RuntimeException ex) {
				this.samples.add(new Sample(this.phases.get(this.phase), false, true, -2, 0));
				example("worker: " + ex);
			}
		}
	}

	private void readOne(Domain domain, ThreadLocalRandom random) {
		List<String> ids = this.acknowledged.get(domain);
		String id;
		synchronized (ids) {
			if (ids.isEmpty()) {
				id = null;
			}
			else {
				id = ids.get(random.nextInt(ids.size()));
			}
		}
		if (id == null) {
			read(this.phase, domain.path + "?size=5");
			return;
		}
		int phase = this.phase;
		Http.Reply reply = this.http.get(domain.path + "/" + id);
		boolean error = reply.status() != 200 || !reply.body().contains(id);
		record(phase, false, error, reply, "GET " + domain.path + "/{id}");
	}

	private void read(int phase, String path) {
		Http.Reply reply = this.http.get(path);
		record(phase, false, reply.status() != 200, reply, "GET " + path);
	}

	private void create(Domain domain) {
		int phase = this.phase;
		Write write = new Write(domain, this.runId + "-" + this.sequence.incrementAndGet(), this.phases.get(phase));
		this.writes.add(write);
		Map<String, Object> body = body(domain, write.externalId);
		Map<String, String> headers = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
		while (System.nanoTime() < deadline) {
			write.attempts++;
			Http.Reply reply = this.http.post(domain.path, body, headers);
			boolean acknowledged = reply.status() == 201 || reply.status() == 200;
			record(phase, true, !acknowledged, reply, "POST " + domain.path);
			if (acknowledged) {
				String id = reply.json().get("id").asString();
				write.id = id;
				this.acknowledged.get(domain).add(id);
				return;
			}
			boolean retryable = reply.status() == -1 || reply.status() >= 500 || reply.status() == 409
					|| reply.status() == 429;
			if (!retryable) {
				return; // refused for good (a bug in the load or the service): counted, not retried
			}
			sleep(reply.status() == 409 ? 1000 : 250);
		}
	}

	private static Map<String, Object> body(Domain domain, String externalId) {
		return switch (domain) {
			case SALES -> Map.of("name", "Load " + externalId, "industry", "Software", "region", "EMEA", "segment",
					"SMB", "ownerId", "loadgen", "team", "load", "externalId", externalId);
			case MARKETING -> Map.of("name", "Lead " + externalId, "email", externalId + "@example.com", "company",
					"Load Co", "industry", "Software", "region", "EMEA", "channel", "WEBINAR", "externalId",
					externalId);
			case SUPPORT -> Map.of("accountId", "acct-" + externalId, "subject", "Load ticket " + externalId,
					"priority", "NORMAL", "channel", "EMAIL", "externalId", externalId);
		};
	}

	private void record(int opPhase, boolean write, boolean error, Http.Reply reply, String what) {
		String phase = this.phases.get(opPhase == 0 ? this.phase : opPhase);
		this.samples.add(new Sample(phase, write, error, reply.status(), reply.millis()));
		if (error && this.exampleKinds.add(phase + " " + what.replaceAll("/[0-9a-f]{24}|\\?.*", "") + " " + reply.status())) {
			example(phase + " " + what + " -> " + reply.status() + " "
					+ reply.body().substring(0, Math.min(200, reply.body().length())));
		}
	}

	private final java.util.Set<String> exampleKinds = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private void example(String text) {
		if (this.errorExamples.size() < 30) {
			this.errorExamples.add(text);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
