package dev.pulsecrm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import dev.pulsecrm.bench.DataGenerator.Domain;
import dev.pulsecrm.systemtests.Api;
import dev.pulsecrm.systemtests.PlatformProcesses;
import tools.jackson.databind.JsonNode;

/**
 * The Pulse CRM benchmark: starts the five services as processes, loads data through bulk import, and prints (and
 * writes into docs/benchmarks.md) KPI snapshot latency by data size, write throughput through the gateway and
 * direct, gRPC facts latency, scrape cost, memory, and the gateway with its native transport on and off.
 * {@code --help} lists the options.
 * <p>
 * The platform is the system tests' fixture ({@link PlatformProcesses}, from the system-tests test-jar), so the
 * benchmark measures the services exactly as the end-to-end tests start them, with its own heaps and environment; the
 * requests go through the fixture's {@link Api}, over one HTTP/1.1 connection pool shared by every worker.
 */
public final class Bench {

	/** -Xmx of the domain services: sales-service holds ~3.4 GiB at 10k records per domain on the embedded store. */
	static final String DEFAULT_DOMAIN_HEAP = "4g";

	static final String HELP = """
			usage: java -jar bench/target/bench.jar [options]   (or scripts/bench [options])
			  --sizes 10000,100000        records per domain, loaded incrementally (add 1000000 for 1M; slow here)
			  --suites kpi,writes,grpc,scrape,memory,native   which tables (default: all)
			  --concurrency 1,8,32,128    write-throughput concurrency levels
			  --seconds 4                 measured seconds per path and write cell (two halves, gateway and direct
			                              alternating, each after 1 s of warm-up)
			  --move-deals 4096           deals the stage moves rotate over (a few moves each per run)
			  --jit-warmup 15             seconds of every write, through the gateway and direct, before the
			                              write table and after each gateway restart (C2 compiles the hot paths)
			  --jit c2                    c2: the JIT as in production (Helm: JVM defaults); c1: ./crm up's
			                              start-up flags (-XX:TieredStopAtLevel=1), much slower per request
			  --warm 50                   repeated (warm) KPI requests per size
			  --uncached 5                KPI requests with a fresh period each (bypass the cache) per size
			  --facts-cache-ttl 1s        kpi-service's facts cache bound (CRM_KPI_FACTS_CACHE_TTL; 0s: off)
			  --store memory              embedded store backend of the domain services: memory, or h2 (on disk)
			  --domain-heap 4g            -Xmx of sales, marketing and support (kpi-service and gateway: 320m);
			                              sales needs ~4g at 10k records on the embedded store
			  --max-load-minutes 20       give up loading a size when the estimate exceeds this
			  --out docs/benchmarks.md    where the tables go (between the bench markers; '-' for stdout only)
			  --root .                    the repository root (the services' jars under */target)
			""";

	final Map<String, String> options;

	final Path root;

	/** One pool for every request of the run; HTTP/1.1, as a browser or a department app talks to the gateway. */
	final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final List<Table> tables = new ArrayList<>();

	final Map<String, String> facts = new LinkedHashMap<>();

	PlatformProcesses platform;

	DataGenerator data;

	Instant windowFrom;

	Instant windowTo;

	final Map<String, Double> rssPeak = new ConcurrentHashMap<>();

	Bench(Map<String, String> options) {
		this.options = options;
		this.root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		if (options.containsKey("help")) {
			System.out.print(HELP);
			return;
		}
		new Bench(options).run();
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + arg + "\n" + HELP);
			}
			String name = arg.substring(2);
			int eq = name.indexOf('=');
			if (eq > 0) {
				options.put(name.substring(0, eq), name.substring(eq + 1));
			}
			else if (name.equals("help")) {
				options.put(name, "true");
			}
			else {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(arg + " needs a value\n" + HELP);
				}
				options.put(name, args[++i]);
			}
		}
		return options;
	}

	static List<Integer> ints(String csv) {
		List<Integer> values = new ArrayList<>();
		for (String part : csv.split(",")) {
			values.add(Integer.parseInt(part.trim().replace("_", "")));
		}
		return values;
	}

	boolean suite(String name) {
		String suites = this.options.getOrDefault("suites", "kpi,writes,grpc,scrape,memory,native");
		return List.of(suites.split(",")).contains(name);
	}

	boolean fullJit() {
		String jit = this.options.getOrDefault("jit", "c2");
		if (!jit.equals("c1") && !jit.equals("c2")) {
			throw new IllegalArgumentException("--jit is c1 or c2, not " + jit);
		}
		return jit.equals("c2");
	}

	int option(String name, int fallback) {
		return Integer.parseInt(this.options.getOrDefault(name, String.valueOf(fallback)));
	}

	void run() throws Exception {
		List<Integer> sizes = ints(this.options.getOrDefault("sizes", "10000,100000"));
		Collections.sort(sizes);
		long started = System.nanoTime();
		this.data = new DataGenerator(Instant.now(), 42);
		this.windowTo = this.data.anchor();
		this.windowFrom = this.windowTo.minus(Duration.ofDays(90));
		Map<String, String> env = new LinkedHashMap<>();
		// the benchmark measures the platform, not the limiter: no per-client limit
		env.put("CRM_RATE_LIMIT_PER_SECOND", "1000000");
		env.put("CRM_RATE_LIMIT_BURST", "1000000");
		// the background Prometheus refresh would recompute five windows every 15 s over the whole data set and
		// compete for the two cores with what is being measured: once at start, then hourly
		env.put("CRM_KPI_REFRESH_INTERVAL", "1h");
		if (this.options.containsKey("facts-cache-ttl")) {
			env.put("CRM_KPI_FACTS_CACHE_TTL", this.options.get("facts-cache-ttl"));
		}
		machine();
		System.out.println("starting the platform …");
		Table memory = new Table("5. Memory per service (RSS, MiB)", "state", "sales", "marketing", "support", "kpi",
				"gateway");
		// started and ready, kpi-service reaching its three sources; stopped (SIGTERM) at the end or on Ctrl-C
		try (PlatformProcesses platform = PlatformProcesses.create(platformOptions(env))) {
			this.platform = platform;
			Map<String, Double> rest = rss();
			memory.row(memoryRow("at rest, empty", rest));

			Table kpi = new Table("1. KPI snapshot latency: GET /api/kpis (90 days, all KPIs) through the gateway",
					"records/domain", "load s", "cold ms", "uncached p50", "uncached p99", "warm p50", "warm p99",
					"poll p50", "poll p99");
			Table kpiRatios = new Table("1b. KPI latency relative to the smallest size (ratio ≤ 2 is the target)",
					"records/domain", "cold", "uncached p50", "warm p50", "warm p99");
			Table grpc = new Table("3. gRPC facts call latency, direct with a service token (90 days)",
					"records/domain", "sales p50", "sales p99", "marketing p50", "marketing p99", "support p50",
					"support p99", "sales by campaign p50", "sales by campaign p99");
			Table scrape = new Table("4. Scrape cost of kpi-service /actuator/prometheus (direct, 30 scrapes)",
					"records/domain", "bytes", "series", "p50 ms", "p99 ms");
			// registered now, so a failure later still reports the rows measured so far
			if (suite("kpi")) {
				this.tables.add(kpi);
				this.tables.add(kpiRatios);
			}
			if (suite("grpc")) {
				this.tables.add(grpc);
			}
			if (suite("scrape")) {
				this.tables.add(scrape);
			}
			if (suite("memory")) {
				this.tables.add(memory);
			}
			long loaded = 0;
			Map<Integer, double[]> kpiBySize = new LinkedHashMap<>();
			boolean writesDone = false;
			for (int size : sizes) {
				double loadSeconds = load(loaded, size);
				if (loadSeconds < 0) {
					kpi.note("- " + size + " records/domain: not loaded, the estimated load time exceeds --max-load-minutes "
							+ "(" + this.facts.get("load estimate " + size) + ").");
					break;
				}
				loaded = size;
				sleep(3000);
				memory.row(memoryRow("at rest, " + size + " records/domain", rss()));
				if (suite("kpi")) {
					double[] row = kpiLatency(size);
					kpiBySize.put(size, row);
					kpi.row(size, String.format(Locale.ROOT, "%.0f", loadSeconds), Stats.ms(row[0]), Stats.ms(row[1]),
							Stats.ms(row[2]), Stats.ms(row[3]), Stats.ms(row[4]), Stats.ms(row[5]), Stats.ms(row[6]));
					double[] base = kpiBySize.values().iterator().next();
					kpiRatios.row(size, Stats.ratio(row[0] / base[0]), Stats.ratio(row[1] / base[1]),
							Stats.ratio(row[3] / base[3]), Stats.ratio(row[4] / base[4]));
					print(kpi);
				}
				if (suite("grpc")) {
					grpc.row(grpcRow(size));
					print(grpc);
				}
				if (suite("scrape")) {
					scrape.row(scrapeRow(size));
					print(scrape);
				}
				if (!writesDone && (suite("writes") || suite("native"))) {
					writesDone = true;
					writesAndNative(size, memory);
				}
			}
			if (suite("kpi")) {
				kpi.note("cold: the first request after the load (nothing cached). uncached: requests each for a "
						+ "period 1 ms apart, so no facts reply can be reused (what a fresh dashboard costs). warm: "
						+ "the same request " + option("warm", 50) + " times back to back (facts cache bound "
						+ this.options.getOrDefault("facts-cache-ttl", "1s") + "). poll: the same request every 500 ms for 20 requests (a dashboard "
						+ "polling; a request after the bound recomputes). Writes and the write table ran between the "
						+ "sizes, so the larger sizes hold a few thousand more deals and tickets.");
			}
		}
		finally {
			if (suite("memory")) {
				memory.row(memoryRow("peak under load (writes at 128, KPI requests)", this.rssPeak));
			}
			this.facts.put("total run", String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - started) / 6e10));
			report();
		}
	}

	// ------------------------------------------------------------------ environment

	void machine() {
		String cpu = "unknown";
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal")) {
					this.facts.put("memory", Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0)
							+ " GiB");
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		this.facts.put("cpu", cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible "
				+ "(shared with other work while measured)");
		this.facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		this.facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		this.facts.put("services", (fullJit() ? "JVM flags: -XX:+UseSerialGC, full tiered JIT (C2) as in production"
				: "JVM flags as ./crm up: -XX:TieredStopAtLevel=1 (C1 only) -XX:+UseSerialGC") + "; -Xmx "
				+ this.options.getOrDefault("domain-heap", DEFAULT_DOMAIN_HEAP)
				+ " for sales/marketing/support, 320m for kpi-service and gateway; embedded mongo-java-server, " + store()
				+ " backend");
		this.facts.put("date", LocalDate.now(ZoneOffset.UTC).toString());
	}

	/**
	 * The five services from copies of the jars under {@code --root}, working in {@code bench/target/platform}: the
	 * domain services with {@code --domain-heap} (a million records do not fit the fixture's 320m), kpi-service and
	 * the gateway as in the tests, and the benchmark's environment on every service.
	 */
	PlatformProcesses.Options platformOptions(Map<String, String> env) {
		if (this.options.containsKey("version")) {
			// the fixture reads the jars' version from this property, as the failsafe configuration sets it
			System.setProperty("crm.version", this.options.get("version"));
		}
		String heap = this.options.getOrDefault("domain-heap", DEFAULT_DOMAIN_HEAP);
		PlatformProcesses.Options options = PlatformProcesses.Options.named("bench")
			.backend(store())
			.root(this.root)
			.work(this.root.resolve("bench/target/platform"))
			.heap("sales-service", heap)
			.heap("marketing-service", heap)
			.heap("support-service", heap);
		if (fullJit()) {
			// the fixture starts JVMs with ./crm up's -XX:TieredStopAtLevel=1 (fast start, C1 only); the last flag
			// wins, so this gives every service the full tiered JIT that production runs with
			for (String service : List.of("gateway", "sales-service", "marketing-service", "support-service",
					"kpi-service")) {
				options = options.jvmArgs(service, "-XX:TieredStopAtLevel=4");
			}
		}
		for (Map.Entry<String, String> entry : env.entrySet()) {
			options = options.env(entry.getKey(), entry.getValue());
		}
		return options;
	}

	/** The embedded store's backend: memory (the tests') or h2 (./crm up's: on disk, for sizes whose heap would not fit). */
	String store() {
		String store = this.options.getOrDefault("store", "memory");
		if (!store.equals("memory") && !store.equals("h2")) {
			throw new IllegalArgumentException("--store must be memory or h2, not " + store);
		}
		return store;
	}

	/** The API at {@code base} as the bearer of {@code token} (none when null), through the run's pool. */
	Api api(URI base, String token) {
		Api api = Api.over(this.client, base, Duration.ofMinutes(10));
		return (token != null) ? api.withHeader("Authorization", "Bearer " + token) : api;
	}

	/** A development token for the bench's callers (team emea, as the accounts it writes). */
	String token(String roles, String user) {
		return this.platform.token(roles, user, "emea");
	}

	// ------------------------------------------------------------------ loading

	/** Imports records {@code [from, to)} of each domain, the three domains side by side; seconds, or -1. */
	double load(long from, long to) throws Exception {
		int batch = 5000;
		long start = System.nanoTime();
		double maxMinutes = Double.parseDouble(this.options.getOrDefault("max-load-minutes", "20"));
		AtomicLong done = new AtomicLong();
		AtomicBoolean abandoned = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		List<Future<?>> jobs = new ArrayList<>();
		for (Domain domain : Domain.values()) {
			jobs.add(pool.submit(() -> {
				Api api = api(this.platform.direct(domain.path + "-service"),
						token(domain.name() + ",MANAGER", "bench-loader"));
				String path = "/api/" + domain.path + "/import";
				for (long i = from; i < to && !abandoned.get(); i += batch) {
					long end = Math.min(to, i + batch);
					Api.Response response = api.postNdjson(path, this.data.ndjson(domain, i, end));
					JsonNode report = response.status() == 200 ? response.json() : null;
					if (report == null || report.get("failed").asLong() > 0) {
						throw new IllegalStateException(domain + " import of [" + i + ", " + end + ") failed: "
								+ response.status() + " " + firstError(report, response.text()));
					}
					long total = done.addAndGet(end - i);
					double elapsed = (System.nanoTime() - start) / 1e9;
					double estimate = elapsed / total * (to - from) * 3;
					if (elapsed > 60 && estimate / 60 > maxMinutes && abandoned.compareAndSet(false, true)) {
						this.facts.put("load estimate " + to, String.format(Locale.ROOT,
								"~%.0f min for %d records/domain at the measured %.0f records/s", estimate / 60, to,
								total / elapsed));
					}
				}
				return null;
			}));
		}
		for (Future<?> job : jobs) {
			job.get();
		}
		pool.shutdown();
		if (abandoned.get()) {
			return -1;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double rate = (to - from) * 3 / seconds;
		this.facts.put("import rate (" + from + "→" + to + ")", String.format(Locale.ROOT,
				"%.0f records/s over the three domains (%.0f s)", rate, seconds));
		System.out.printf(Locale.ROOT, "loaded %d records/domain in %.0f s (%.0f records/s)%n", to, seconds, rate);
		return seconds;
	}

	static String firstError(JsonNode report, String body) {
		if (report == null) {
			return body.length() > 500 ? body.substring(0, 500) : body;
		}
		for (JsonNode result : report.get("results")) {
			if (result.get("status").asInt() >= 300) {
				return "line " + result.get("line") + " " + result.get("type") + ": " + result.get("error");
			}
		}
		return "";
	}

	// ------------------------------------------------------------------ KPI latency

	static String kpiPath(Instant from, Instant to) {
		return "/api/kpis?from=" + from + "&to=" + to;
	}

	/** cold, uncached p50/p99, warm p50/p99, poll p50/p99 in ms. */
	double[] kpiLatency(int size) {
		Api manager = api(this.platform.gateway(), token("MANAGER", "bench-manager"));
		String window = kpiPath(this.windowFrom, this.windowTo);
		AtomicBoolean sampling = sampleRss();
		try {
			Api.Response cold = checked(manager.get(window));
			List<Long> uncached = new ArrayList<>();
			for (int i = 1; i <= option("uncached", 5); i++) {
				uncached.add(checked(manager.get(kpiPath(this.windowFrom, this.windowTo.plusMillis(i)))).nanos());
			}
			List<Long> warm = new ArrayList<>();
			for (int i = 0; i < option("warm", 50); i++) {
				warm.add(checked(manager.get(window)).nanos());
			}
			List<Long> poll = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				long begin = System.nanoTime();
				poll.add(checked(manager.get(window)).nanos());
				long rest = 500 - (System.nanoTime() - begin) / 1_000_000;
				if (rest > 0) {
					sleep(rest);
				}
			}
			Stats u = Stats.of(uncached);
			Stats w = Stats.of(warm);
			Stats p = Stats.of(poll);
			return new double[] { cold.nanos() / 1e6, u.p50(), u.p99(), w.p50(), w.p99(), p.p50(), p.p99() };
		}
		finally {
			sampling.set(false);
		}
	}

	static Api.Response checked(Api.Response response) {
		if (response.status() != 200) {
			throw new IllegalStateException("request failed: " + response.status() + " " + response.text());
		}
		return response;
	}

	// ------------------------------------------------------------------ gRPC and scrape

	Object[] grpcRow(int size) {
		List<Object> row = new ArrayList<>(List.of(size));
		String secret = this.platform.grpcSecret();
		// unsplit per domain, then the split by campaign that every snapshot also asks sales for (its keyed read)
		for (String call : List.of("sales", "marketing", "support", "sales/campaign")) {
			String domain = call.contains("/") ? call.substring(0, call.indexOf('/')) : call;
			String groupBy = call.contains("/") ? call.substring(call.indexOf('/') + 1) : "";
			try (GrpcFacts facts = new GrpcFacts(domain, this.platform.grpcPort(domain + "-service"), secret)) {
				int samples = size <= 20_000 ? 30 : 8;
				try {
					facts.call(this.windowFrom, this.windowTo, groupBy);
					List<Long> nanos = new ArrayList<>();
					for (int i = 0; i < samples; i++) {
						nanos.add(facts.call(this.windowFrom, this.windowTo, groupBy));
					}
					Stats stats = Stats.of(nanos);
					row.add(Stats.ms(stats.p50()));
					row.add(Stats.ms(stats.p99()));
				}
				catch (io.grpc.StatusRuntimeException ex) {
					row.add(ex.getStatus().getCode().toString());
					row.add("–");
				}
			}
		}
		return row.toArray();
	}

	Object[] scrapeRow(int size) {
		Api prometheus = api(this.platform.direct("kpi-service"), null);
		List<Long> nanos = new ArrayList<>();
		Api.Response last = null;
		for (int i = 0; i < 31; i++) {
			last = checked(prometheus.get("/actuator/prometheus"));
			if (i > 0) {
				nanos.add(last.nanos());
			}
		}
		long series = last.text().lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).count();
		Stats stats = Stats.of(nanos);
		return new Object[] { size, last.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, series,
				Stats.ms(stats.p50()), Stats.ms(stats.p99()) };
	}

	// ------------------------------------------------------------------ writes

	/**
	 * @param gatewayCpuMicros CPU time (user + system) the gateway process spent per successful request while the
	 *                         cell ran, in µs (about 0 for a direct cell)
	 * @param serviceCpuMicros the same for the service the requests reached
	 */
	record Throughput(double perSecond, Stats latency, long errors, double gatewayCpuMicros, double serviceCpuMicros) {

		/** The stretches taken together: requests over their summed time, CPU ticks over their summed requests. */
		static Throughput of(List<Measured> parts) {
			long ok = 0;
			long errors = 0;
			double seconds = 0;
			long gatewayTicks = 0;
			long serviceTicks = 0;
			List<Long> latencies = new ArrayList<>();
			for (Measured part : parts) {
				ok += part.ok();
				errors += part.errors();
				seconds += part.seconds();
				latencies.addAll(part.latencies());
				gatewayTicks = (gatewayTicks < 0 || part.gatewayTicks() < 0) ? -1 : gatewayTicks + part.gatewayTicks();
				serviceTicks = (serviceTicks < 0 || part.serviceTicks() < 0) ? -1 : serviceTicks + part.serviceTicks();
			}
			return new Throughput(seconds > 0 ? ok / seconds : 0, Stats.of(latencies), errors,
					perRequestMicros(0, gatewayTicks, ok), perRequestMicros(0, serviceTicks, ok));
		}
	}

	void writesAndNative(int size, Table memory) throws Exception {
		Api sales = api(this.platform.gateway(), token("SALES", "bench"));
		Api support = api(this.platform.gateway(), token("SUPPORT", "bench"));
		Map<String, Object> account = Map.of("name", "Bench Account", "industry", "Software", "region", "EMEA",
				"segment", "SMB", "ownerId", "bench", "team", "emea");
		String accountId = checkedCreated(sales.post("/api/sales/accounts", account)).get("id").asString();
		Map<String, Object> deal = Map.of("accountId", accountId, "name", "Bench deal", "ownerId", "bench", "team",
				"emea", "type", "NEW_BUSINESS", "amount", Map.of("amount", "1000.00", "currency", "USD"));
		Map<String, Object> ticket = Map.of("accountId", accountId, "subject", "Bench ticket", "priority", "NORMAL",
				"channel", "EMAIL", "team", "emea");
		// stage moves rotate over this many deals, so a deal's history stays as short as a real one's (a few moves
		// each over the whole run); a move's cost grows with the deal's stage history (its contributions are
		// recomputed and its ledger entry rewritten), which hundreds of moves of one deal would measure instead
		int poolSize = option("move-deals", 4096);
		List<String> deals = createDeals(sales.at(this.platform.direct("sales-service")), deal, poolSize);
		List<Integer> levels = ints(this.options.getOrDefault("concurrency", "1,8,32,128"));
		int seconds = option("seconds", 4);
		Map<String, Op> ops = new LinkedHashMap<>();
		ops.put("create deal", (base, worker, n) -> sales.at(base).post("/api/sales/deals", deal));
		// each deal moves PROPOSAL → NEGOTIATION → PROPOSAL …; the next free deal of the rotation, so no two workers
		// move one deal at once
		String[] stages = { "PROPOSAL", "NEGOTIATION" };
		AtomicLong[] moves = new AtomicLong[poolSize];
		AtomicBoolean[] busy = new AtomicBoolean[poolSize];
		for (int i = 0; i < poolSize; i++) {
			moves[i] = new AtomicLong();
			busy[i] = new AtomicBoolean();
		}
		AtomicLong rotation = new AtomicLong();
		ops.put("stage move", (base, worker, n) -> {
			int index = (int) (rotation.getAndIncrement() % poolSize);
			while (!busy[index].compareAndSet(false, true)) {
				index = (int) (rotation.getAndIncrement() % poolSize);
			}
			try {
				String stage = stages[(int) (moves[index].getAndIncrement() % 2)];
				Api.Response response = sales.at(base)
					.post("/api/sales/deals/" + deals.get(index) + "/stage", Map.of("stage", stage));
				if (response.status() == 409 && response.text().contains("already in stage")) {
					moves[index].getAndIncrement();
				}
				return response;
			}
			finally {
				busy[index].set(false);
			}
		});
		ops.put("create ticket", (base, worker, n) -> support.at(base).post("/api/support/tickets", ticket));
		Map<String, String> serviceOf = Map.of("create deal", "sales-service", "stage move", "sales-service",
				"create ticket", "support-service");
		Table writes = new Table("2. Write throughput: gateway vs straight to the service (req/s, " + seconds
				+ " s per path and cell, in alternating halves: gateway, direct, direct, gateway)", "operation",
				"concurrency", "gateway req/s", "gateway p50 ms", "gateway p99 ms", "direct req/s", "direct p50 ms",
				"direct p99 ms", "gateway ÷ direct", "CPU µs/req: gateway", "service (via gateway)", "service (direct)",
				"errors");
		Map<String, Throughput> gatewayAt32 = new LinkedHashMap<>();
		if (suite("writes") || suite("native")) {
			jitWarmup(ops, serviceOf);
		}
		if (suite("writes")) {
			for (var op : ops.entrySet()) {
				for (int c : levels) {
					boolean sample = c == levels.get(levels.size() - 1);
					AtomicBoolean sampling = sample ? sampleRss() : new AtomicBoolean();
					String service = serviceOf.get(op.getKey());
					Throughput[] measured = cell(op.getValue(), service, c, seconds);
					Throughput viaGateway = measured[0];
					Throughput direct = measured[1];
					sampling.set(false);
					if (c == 32) {
						gatewayAt32.put(op.getKey(), viaGateway);
					}
					writes.row(op.getKey(), c, fmt(viaGateway.perSecond()), Stats.ms(viaGateway.latency().p50()),
							Stats.ms(viaGateway.latency().p99()), fmt(direct.perSecond()),
							Stats.ms(direct.latency().p50()), Stats.ms(direct.latency().p99()),
							direct.perSecond() > 0 ? String.format(Locale.ROOT, "%.0f%%",
									100 * viaGateway.perSecond() / direct.perSecond()) : "–",
							micros(viaGateway.gatewayCpuMicros()), micros(viaGateway.serviceCpuMicros()),
							micros(direct.serviceCpuMicros()), viaGateway.errors() + direct.errors());
					System.out.println(writes.markdown());
				}
			}
			writes.note("Data set during this table: " + size + " records/domain plus what the table wrote. Both "
					+ "columns send the same requests with the same JWT; the services check it again either way. CPU "
					+ "µs/req: user + system CPU of the process (/proc/PID/stat) over the measured seconds ÷ successful "
					+ "requests; the load generator runs on the same cores. When the cores are the limit, gateway ÷ "
					+ "direct is about service ÷ (service + gateway) CPU.");
			this.tables.add(writes);
		}
		if (suite("native")) {
			Table nativeTable = new Table("6. Gateway transport: Reactor Netty native (epoll) on vs off "
					+ "(-Dreactor.netty.native=false), create deal at concurrency 32", "gateway transport",
					"event loops", "req/s", "p50 ms", "p99 ms", "vs native on");
			Op create = ops.get("create deal");
			Throughput on = gatewayAt32.containsKey("create deal") ? gatewayAt32.get("create deal")
					: throughput(create, this.platform.gateway(), 32, seconds);
			// both rows from a freshly started gateway after the same JIT warm-up, so neither has more compiled code
			this.platform.restart("gateway", List.of());
			gatewayWarmup(create);
			Throughput onAgain = throughput(create, this.platform.gateway(), 32, seconds);
			String onLoaded = eventLoops(this.platform.process("gateway").pid());
			this.platform.restart("gateway", List.of("-Dreactor.netty.native=false"));
			gatewayWarmup(create);
			Throughput off = throughput(create, this.platform.gateway(), 32, seconds);
			String offLoaded = eventLoops(this.platform.process("gateway").pid());
			this.platform.restart("gateway", List.of());
			double baseline = onAgain.perSecond();
			nativeTable.row("native (default)", onLoaded, fmt(onAgain.perSecond()), Stats.ms(onAgain.latency().p50()),
					Stats.ms(onAgain.latency().p99()), "1.00×");
			nativeTable.row("NIO (-Dreactor.netty.native=false)", offLoaded, fmt(off.perSecond()),
					Stats.ms(off.latency().p50()), Stats.ms(off.latency().p99()),
					Stats.ratio(off.perSecond() / baseline));
			nativeTable.note("Each row: the gateway restarted with that transport, " + option("jit-warmup", 15)
					+ " s of create-deal warm-up at concurrency 8, then measured (the write table's c=32 gateway cell, "
					+ "earlier in the run, measured " + fmt(on.perSecond()) + " req/s). Known issue: "
					+ "reactor/reactor-netty#4253, spring-cloud/spring-cloud-gateway#4209 (Reactor Netty 1.3.x with "
					+ "native transports in Boot 4 / Gateway 5).");
			print(nativeTable);
			this.tables.add(nativeTable);
		}
	}

	/** Creates {@code count} deals straight at sales-service, eight at a time; their ids in creation order. */
	private static List<String> createDeals(Api sales, Map<String, Object> deal, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ids.add(pool.submit(() -> checkedCreated(sales.post("/api/sales/deals", deal)).get("id").asString()));
			}
			List<String> out = new ArrayList<>();
			for (Future<String> id : ids) {
				out.add(id.get());
			}
			return out;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Runs every write at concurrency 8 through the gateway and straight to its service for {@code --jit-warmup}
	 * seconds each, unmeasured: the JIT compiles the hot paths of every process before the first measured cell, so
	 * the table compares steady states rather than whichever path happened to be measured first.
	 */
	void jitWarmup(Map<String, Op> ops, Map<String, String> serviceOf) throws Exception {
		int seconds = option("jit-warmup", 15);
		if (seconds <= 0) {
			return;
		}
		System.out.println("JIT warm-up: " + seconds + " s per write and path …");
		for (var op : ops.entrySet()) {
			warmup(op.getValue(), this.platform.gateway(), seconds);
			warmup(op.getValue(), this.platform.direct(serviceOf.get(op.getKey())), seconds);
		}
	}

	void gatewayWarmup(Op op) throws Exception {
		int seconds = option("jit-warmup", 15);
		if (seconds > 0) {
			warmup(op, this.platform.gateway(), seconds);
		}
	}

	private void warmup(Op op, URI base, int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			run(pool, op, base, 8, seconds * 1000L, null);
		}
		finally {
			pool.shutdownNow();
		}
	}

	static String micros(double value) {
		return value < 0 ? "–" : String.format(Locale.ROOT, "%.0f", value);
	}

	/** Which event loops Reactor Netty runs: its threads are named reactor-http-epoll-N or reactor-http-nio-N. */
	static String eventLoops(long pid) {
		boolean epoll = false;
		boolean nio = false;
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : tasks.toList()) {
				String name = Files.readString(task.resolve("comm")).trim();
				epoll |= name.startsWith("reactor-http-ep");
				nio |= name.startsWith("reactor-http-ni");
			}
		}
		catch (IOException ex) {
			return "?";
		}
		return epoll ? "epoll" : nio ? "nio" : "?";
	}

	@FunctionalInterface
	interface Op {

		Api.Response send(URI base, int worker, long n);
	}

	Throughput throughput(Op op, URI base, int concurrency, int seconds) throws Exception {
		return Throughput.of(List.of(measure(op, base, concurrency, seconds * 1000L, null)));
	}

	/**
	 * One write cell: each path gets {@code seconds}, in two halves, alternating (gateway, direct, direct, gateway),
	 * so drift during the cell (a collection, the JIT, the data growing) weighs on both paths alike instead of on
	 * whichever ran first.
	 */
	Throughput[] cell(Op op, String service, int concurrency, int seconds) throws Exception {
		long half = seconds * 1000L / 2;
		List<Measured> gateway = new ArrayList<>();
		List<Measured> direct = new ArrayList<>();
		for (boolean viaGateway : new boolean[] { true, false, false, true }) {
			URI base = viaGateway ? this.platform.gateway() : this.platform.direct(service);
			(viaGateway ? gateway : direct).add(measure(op, base, concurrency, half, service));
		}
		return new Throughput[] { Throughput.of(gateway), Throughput.of(direct) };
	}

	/** What one measured stretch saw: successful requests, their latencies, CPU ticks of the gateway and service. */
	record Measured(long ok, double seconds, List<Long> latencies, long errors, long gatewayTicks, long serviceTicks) {
	}

	/** {@code op} against {@code base} for {@code millis} after one second of warm-up. */
	Measured measure(Op op, URI base, int concurrency, long millis, String service) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		try {
			run(pool, op, base, concurrency, 1000, null);
			List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
			AtomicLong errors = new AtomicLong();
			long gatewayCpu = cpuTicks("gateway");
			long serviceCpu = service == null ? -1 : cpuTicks(service);
			long begin = System.nanoTime();
			long ok = run(pool, op, base, concurrency, millis, (response) -> {
				if (response.status() >= 200 && response.status() < 300) {
					latencies.add(response.nanos());
					return true;
				}
				if (errors.incrementAndGet() == 1) {
					System.err.println("write failed: " + response.status() + " " + response.text());
				}
				return false;
			});
			double elapsed = (System.nanoTime() - begin) / 1e9;
			return new Measured(ok, elapsed, new ArrayList<>(latencies), errors.get(),
					ticksBetween(gatewayCpu, cpuTicks("gateway")),
					service == null ? -1 : ticksBetween(serviceCpu, cpuTicks(service)));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long ticksBetween(long before, long after) {
		return (before < 0 || after < 0) ? -1 : after - before;
	}

	private long run(ExecutorService pool, Op op, URI base, int concurrency, long millis,
			java.util.function.Predicate<Api.Response> record) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
		AtomicLong ok = new AtomicLong();
		CountDownLatch finished = new CountDownLatch(concurrency);
		for (int w = 0; w < concurrency; w++) {
			int worker = w;
			pool.execute(() -> {
				try {
					for (long n = 0; System.nanoTime() < end; n++) {
						Api.Response response = send(op, base, worker, n);
						if (record == null || record.test(response)) {
							ok.incrementAndGet();
						}
					}
				}
				finally {
					finished.countDown();
				}
			});
		}
		finished.await();
		return ok.get();
	}

	/**
	 * One request of a worker; one that fails below HTTP (refused, reset, timed out: {@link Api} throws) is an error
	 * of the cell with status -1, and the worker goes on, as a client retrying would.
	 */
	static Api.Response send(Op op, URI base, int worker, long n) {
		long start = System.nanoTime();
		try {
			return op.send(base, worker, n);
		}
		catch (IllegalStateException ex) {
			return new Api.Response(-1, "", null, String.valueOf(ex.getMessage()), System.nanoTime() - start);
		}
	}

	static JsonNode checkedCreated(Api.Response response) {
		if (response.status() != 201) {
			throw new IllegalStateException("create failed: " + response.status() + " " + response.text());
		}
		return response.json();
	}

	static String fmt(double perSecond) {
		return String.format(Locale.ROOT, "%.0f", perSecond);
	}

	// ------------------------------------------------------------------ memory

	/** utime + stime of a service's process in clock ticks (/proc/PID/stat fields 14 and 15), or -1. */
	long cpuTicks(String service) {
		Process process = this.platform.process(service);
		return process == null ? -1 : cpuTicks(process.pid());
	}

	static long cpuTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// the command name (field 2) may hold spaces; fields after its closing parenthesis are plain
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** CPU µs per request between two tick readings (Linux reports 100 ticks a second), or -1 if unknown. */
	static double perRequestMicros(long before, long after, long requests) {
		if (before < 0 || after < 0 || requests <= 0) {
			return -1;
		}
		return (after - before) * 10_000.0 / requests;
	}

	Map<String, Double> rss() {
		Map<String, Double> rss = new LinkedHashMap<>();
		for (String service : PlatformProcesses.SERVICES) {
			Process process = this.platform.process(service);
			rss.put(service, process == null ? -1 : rssMiB(process.pid()));
		}
		return rss;
	}

	/** Resident set size of a JVM in MiB (VmRSS from /proc), or -1 where /proc is missing or the process is gone. */
	static double rssMiB(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

	/** A pause between measurements (the load settling, a dashboard's poll interval), not a timing assertion. */
	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Samples every service's RSS every 250 ms into the peaks until the returned flag is cleared. */
	AtomicBoolean sampleRss() {
		AtomicBoolean on = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (on.get()) {
				rss().forEach((service, mib) -> this.rssPeak.merge(service, mib, Math::max));
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "rss-sampler");
		sampler.setDaemon(true);
		sampler.start();
		return on;
	}

	static Object[] memoryRow(String state, Map<String, Double> rss) {
		IntFunction<String> cell = (i) -> {
			Double mib = rss.get(PlatformProcesses.SERVICES.get(i));
			return mib == null || mib < 0 ? "–" : String.format(Locale.ROOT, "%.0f", mib);
		};
		// SERVICES order: sales, marketing, support, kpi, gateway
		return new Object[] { state, cell.apply(0), cell.apply(1), cell.apply(2), cell.apply(3), cell.apply(4) };
	}

	// ------------------------------------------------------------------ report

	void print(Table table) {
		System.out.println();
		System.out.println(table.markdown());
	}

	static final String BEGIN = "<!-- bench:begin (generated by the bench module; edit outside these markers) -->";

	static final String END = "<!-- bench:end -->";

	void report() throws IOException {
		StringBuilder out = new StringBuilder();
		out.append(BEGIN).append("\n\n## Last run\n\n");
		this.facts.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
		out.append("- command: `java -jar bench/target/bench.jar");
		this.options.forEach((key, value) -> out.append(" --").append(key).append(' ').append(value));
		out.append("`\n\n");
		this.tables.forEach((table) -> out.append(table.markdown()).append('\n'));
		out.append(END).append('\n');
		System.out.println(out);
		String target = this.options.getOrDefault("out", "docs/benchmarks.md");
		if (target.equals("-")) {
			return;
		}
		Path file = this.root.resolve(target);
		String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
		Files.writeString(file, splice(existing, out.toString()));
		System.out.println("written to " + file);
	}

	/** The document with its generated part replaced (or appended when it has none yet). */
	static String splice(String document, String generated) {
		return splice(document, generated, BEGIN, END);
	}

	/** The document with the part between {@code beginMarker} and {@code endMarker} replaced (or appended). */
	static String splice(String document, String generated, String BEGIN, String END) {
		int begin = document.indexOf(BEGIN);
		int end = document.indexOf(END);
		if (begin < 0 || end < begin) {
			return document + (document.endsWith("\n") ? "" : "\n") + "\n" + generated;
		}
		return document.substring(0, begin) + generated + document.substring(end + END.length()).replaceFirst("^\n", "");
	}
}
