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
import java.util.function.Supplier;

import dev.pulsecrm.client.IdempotencyKey;
import dev.pulsecrm.client.marketing.Channel;
import dev.pulsecrm.client.marketing.CreateLead;
import dev.pulsecrm.client.sales.CreateAccount;
import dev.pulsecrm.client.support.CreateTicket;
import dev.pulsecrm.client.support.Priority;

/**
 * A fixed pool of workers sending a mix of reads and writes through the gateway, with the typed OpenFeign clients of
 * the public API (one {@link Clients} set shared by all workers), until stopped: creates of accounts
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

	/** What the load creates and reads, one kind of record per domain service. */
	enum Domain {

		SALES, MARKETING, SUPPORT

	}

	/** A stored record as the list pages show it. */
	record Stored(String id, String externalId) {
	}

	/**
	 * One attempt: its operation's phase, whether it failed, its status ({@link Clients#call}: the HTTP status of a
	 * problem, -1 no answer, -2 another client failure, 200 any success), its latency.
	 */
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

	private final Clients api;

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

	MixedLoad(Clients api, String runId, int concurrency, List<String> phases) {
		this.phases = List.copyOf(phases);
		this.api = api;
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
					read(this.phase, "GET /api/kpis", () -> this.api.kpis.snapshot(null, null, null));
				}
				else if (dice < 75) {
					readOne(domain, random);
				}
				else {
					int page = random.nextInt(3);
					read(this.phase, "GET " + path(domain), () -> list(this.api, domain, page, 20));
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
			read(this.phase, "GET " + path(domain), () -> list(this.api, domain, 0, 5));
			return;
		}
		int phase = this.phase;
		Clients.Outcome<String> reply = Clients.call(() -> get(domain, id));
		boolean error = !reply.ok() || !id.equals(reply.value());
		record(phase, false, error, reply, "GET " + path(domain) + "/{id}");
	}

	private void read(int phase, String what, Supplier<?> call) {
		Clients.Outcome<?> reply = Clients.call(call);
		record(phase, false, !reply.ok(), reply, what);
	}

	/**
	 * One create, retried with the same {@code Idempotency-Key} and body while it fails in a way a careful client
	 * retries: no answer, 5xx, 409 (the first attempt with this key is still running) or 429.
	 */
	private void create(Domain domain) {
		int phase = this.phase;
		Write write = new Write(domain, this.runId + "-" + this.sequence.incrementAndGet(), this.phases.get(phase));
		this.writes.add(write);
		String key = UUID.randomUUID().toString();
		long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
		while (System.nanoTime() < deadline) {
			write.attempts++;
			Clients.Outcome<String> reply = Clients
				.call(() -> IdempotencyKey.with(key, () -> create(domain, write.externalId)));
			record(phase, true, !reply.ok(), reply, "POST " + path(domain));
			if (reply.ok()) {
				write.id = reply.value();
				this.acknowledged.get(domain).add(reply.value());
				return;
			}
			int status = reply.status();
			boolean retryable = status == Clients.TRANSPORT || status >= 500 || status == 409 || status == 429;
			if (!retryable) {
				return; // refused for good (a bug in the load or the service): counted, not retried
			}
			sleep(status == 409 ? 1000 : 250);
		}
	}

	/** Creates the domain's record with {@code externalId} through its typed client; the stored record's id. */
	private String create(Domain domain, String externalId) {
		return switch (domain) {
			case SALES -> this.api.sales.createAccount(new CreateAccount("Load " + externalId, "Software", "EMEA",
					"SMB", "loadgen", "load", externalId, null)).id();
			case MARKETING -> this.api.marketing.createLead(new CreateLead("Lead " + externalId,
					externalId + "@example.com", "Load Co", null, "Software", "EMEA", null, null, Channel.WEBINAR, null,
					null, externalId, null)).id();
			case SUPPORT -> this.api.support.createTicket(new CreateTicket("acct-" + externalId,
					"Load ticket " + externalId, Priority.NORMAL, "EMAIL", null, null, null, externalId, null)).id();
		};
	}

	/** Reads one record by id; the id it came back with. */
	private String get(Domain domain, String id) {
		return switch (domain) {
			case SALES -> this.api.sales.getAccount(id).id();
			case MARKETING -> this.api.marketing.getLead(id).id();
			case SUPPORT -> this.api.support.getTicket(id).id();
		};
	}

	/** One list page of the domain's records, unfiltered. */
	static List<Stored> list(Clients api, Domain domain, int page, int size) {
		return switch (domain) {
			case SALES -> api.sales.listAccounts(null, null, null, null, null, page, size).items().stream()
				.map((account) -> new Stored(account.id(), account.externalId()))
				.toList();
			case MARKETING -> api.marketing.listLeads(null, null, null, null, null, page, size).items().stream()
				.map((lead) -> new Stored(lead.id(), lead.externalId()))
				.toList();
			case SUPPORT -> api.support.listTickets(null, null, null, null, null, null, null, null, null, page, size)
				.items()
				.stream()
				.map((ticket) -> new Stored(ticket.id(), ticket.externalId()))
				.toList();
		};
	}

	/** The API path the domain's calls go to, for error examples. */
	static String path(Domain domain) {
		return switch (domain) {
			case SALES -> "/api/sales/accounts";
			case MARKETING -> "/api/marketing/leads";
			case SUPPORT -> "/api/support/tickets";
		};
	}

	private void record(int opPhase, boolean write, boolean error, Clients.Outcome<?> reply, String what) {
		String phase = this.phases.get(opPhase == 0 ? this.phase : opPhase);
		this.samples.add(new Sample(phase, write, error, reply.status(), reply.millis()));
		if (error && this.exampleKinds.add(phase + " " + what + " " + reply.status())) {
			String detail = reply.ok() ? "answered with another record" : reply.error();
			example(phase + " " + what + " -> " + reply.status() + " "
					+ detail.substring(0, Math.min(200, detail.length())));
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
