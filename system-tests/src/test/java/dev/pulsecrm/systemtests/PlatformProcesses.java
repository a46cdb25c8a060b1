package dev.pulsecrm.systemtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The five services started as separate processes from their executable jars, as {@code ./crm up} runs them, on free
 * loopback ports and the embedded MongoDB. One instance per test JVM ({@link #shared()}); services can be stopped and
 * started again for fault tests.
 * <p>
 * Fault tests that need more start a platform of their own with {@link #create(Options)}: N replicas of each domain
 * service behind the gateway (its static replica lists), a chosen embedded backend or an external store per domain,
 * a subset of the services. A replica is an <em>instance</em>: replica 0 is named like its service
 * ({@code sales-service}), the others {@code sales-service#1}, …; every instance keeps its ports across restarts.
 */
public final class PlatformProcesses implements AutoCloseable {

	public static final List<String> SERVICES = List.of("sales-service", "marketing-service", "support-service",
			"kpi-service", "gateway");

	static final String ISSUER = "pulse-crm-dev";

	/** The sources kpi-service must reach before tests start. */
	static final List<String> KPI_SOURCES = List.of("sales", "marketing", "support");

	private static PlatformProcesses shared;

	private final Options options;

	private final Path root;

	private final String version = System.getProperty("crm.version", "0.1.0-SNAPSHOT");

	private final Path work;

	private final Map<String, Integer> httpPorts = new LinkedHashMap<>();

	private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();

	private final Map<String, Integer> managementPorts = new LinkedHashMap<>();

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

	private final Path keys;

	/** JVM flags an instance was last restarted with ({@link #restart(String, List)}), after the options' own. */
	private final Map<String, List<String>> restartArgs = new java.util.concurrent.ConcurrentHashMap<>();

	private PlatformProcesses(Options options) throws IOException {
		this.options = options;
		this.root = (options.root() != null) ? options.root()
				: Path.of(System.getProperty("crm.root", "..")).toAbsolutePath().normalize();
		this.work = Files.createDirectories((options.work() != null) ? options.work()
				: this.root.resolve("system-tests/target").resolve(options.name()));
		this.keys = this.work.resolve("keys");
		devJwt("keys", this.keys.toString());
		if (options.snapshotJars()) {
			for (String service : options.services()) {
				snapshot(service);
			}
		}
		for (String service : SERVICES) {
			for (String instance : instances(service)) {
				this.httpPorts.put(instance, freePort());
				if (options.managementPorts().contains(service)) {
					this.managementPorts.put(instance, freePort());
				}
				if (!service.equals("gateway")) {
					this.grpcPorts.put(instance, freePort());
				}
			}
		}
	}

	/**
	 * How a platform of its own is started ({@link #create(Options)}).
	 *
	 * @param name      its working directory under {@code system-tests/target} (logs, keys, data)
	 * @param replicas  instances of each domain service (sales, marketing, support); gateway and kpi-service run one
	 * @param backend   the embedded MongoDB backend ({@code memory}, or {@code h2}: files under the data directory)
	 * @param storeUris a MongoDB URI per domain service ({@code SPRING_MONGODB_URI}): all its replicas share it
	 * @param env       further environment for every instance
	 * @param services  which services to start, in start order
	 * @param snapshotJars run copies of the jars taken at creation, so a rebuild of a module while the platform runs
	 *                  (which replaces the jar a running JVM still loads classes from) cannot break it mid-test
	 * @param managementPorts the services serving their actuator on a port of their own
	 * @param root      the checkout whose jars ({@code <service>/target}) and {@code scripts/DevJwt.java} are used;
	 *                  null: the {@code crm.root} system property (the failsafe configuration sets it), else {@code ..}
	 * @param work      the working directory; null: {@code system-tests/target/<name>} under the root
	 * @param heaps     {@code -Xmx} per service; a service not named keeps the fixture's 320m
	 * @param jvmArgs   further JVM flags per service, after the fixture's own (a later {@code -X} flag wins)
	 */
	public record Options(String name, int replicas, String backend, Map<String, String> storeUris,
			Map<String, String> env, List<String> services, boolean snapshotJars, java.util.Set<String> managementPorts,
			Path root, Path work, Map<String, String> heaps, Map<String, List<String>> jvmArgs) {

		public Options {
			storeUris = Map.copyOf(storeUris);
			env = Map.copyOf(env);
			services = List.copyOf(services);
			managementPorts = java.util.Set.copyOf(managementPorts);
			heaps = Map.copyOf(heaps);
			jvmArgs = Map.copyOf(jvmArgs);
		}

		public Options(String name, int replicas, String backend, Map<String, String> storeUris,
				Map<String, String> env, List<String> services, boolean snapshotJars,
				java.util.Set<String> managementPorts) {
			this(name, replicas, backend, storeUris, env, services, snapshotJars, managementPorts, null, null, Map.of(),
					Map.of());
		}

		public Options(String name, int replicas, String backend, Map<String, String> storeUris,
				Map<String, String> env, List<String> services, boolean snapshotJars) {
			this(name, replicas, backend, storeUris, env, services, snapshotJars, java.util.Set.of());
		}

		/** Serve the service's actuator on a port of its own, as in the cluster (the gateway's metrics are only there). */
		public Options managementPort(String service) {
			java.util.Set<String> more = new java.util.HashSet<>(this.managementPorts);
			more.add(service);
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, this.services,
					this.snapshotJars, more, this.root, this.work, this.heaps, this.jvmArgs);
		}

		/**
		 * One instance of each of the five services on the in-memory store, from copies of the jars; {@link #shared()}
		 * runs the same from the jars themselves.
		 */
		public static Options named(String name) {
			return new Options(name, 1, "memory", Map.of(), Map.of(), SERVICES, true);
		}

		public Options replicas(int count) {
			return new Options(this.name, count, this.backend, this.storeUris, this.env, this.services,
					this.snapshotJars, this.managementPorts, this.root, this.work, this.heaps, this.jvmArgs);
		}

		public Options backend(String embeddedBackend) {
			return new Options(this.name, this.replicas, embeddedBackend, this.storeUris, this.env, this.services,
					this.snapshotJars, this.managementPorts, this.root, this.work, this.heaps, this.jvmArgs);
		}

		public Options store(String service, String mongoUri) {
			Map<String, String> uris = new LinkedHashMap<>(this.storeUris);
			uris.put(service, mongoUri);
			return new Options(this.name, this.replicas, this.backend, uris, this.env, this.services,
					this.snapshotJars, this.managementPorts, this.root, this.work, this.heaps, this.jvmArgs);
		}

		public Options env(String name, String value) {
			Map<String, String> more = new LinkedHashMap<>(this.env);
			more.put(name, value);
			return new Options(this.name, this.replicas, this.backend, this.storeUris, more, this.services,
					this.snapshotJars, this.managementPorts, this.root, this.work, this.heaps, this.jvmArgs);
		}

		public Options only(String... only) {
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, List.of(only),
					this.snapshotJars, this.managementPorts, this.root, this.work, this.heaps, this.jvmArgs);
		}

		/**
		 * Another checkout's jars and scripts, for a program run outside Maven (the bench module's
		 * {@code --root}), where no {@code crm.root} property is set.
		 */
		public Options root(Path checkout) {
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, this.services,
					this.snapshotJars, this.managementPorts, checkout.toAbsolutePath().normalize(), this.work,
					this.heaps, this.jvmArgs);
		}

		/** Logs, keys, data and jar copies in {@code directory} instead of {@code system-tests/target/<name>}. */
		public Options work(Path directory) {
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, this.services,
					this.snapshotJars, this.managementPorts, this.root, directory.toAbsolutePath().normalize(),
					this.heaps, this.jvmArgs);
		}

		/**
		 * {@code -Xmx} of every instance of {@code service} ({@code 2g}, {@code 512m}): 320m suits tests, not a data
		 * set of a million records.
		 */
		public Options heap(String service, String size) {
			if (!size.matches("[0-9]+[kKmMgG]?")) {
				throw new IllegalArgumentException("not a heap size: " + size);
			}
			Map<String, String> more = new LinkedHashMap<>(this.heaps);
			more.put(service, size);
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, this.services,
					this.snapshotJars, this.managementPorts, this.root, this.work, more, this.jvmArgs);
		}

		/**
		 * JVM flags for every instance of {@code service}, added to those given before (a system property such as
		 * {@code -Dreactor.netty.native=false}, a GC flag).
		 */
		public Options jvmArgs(String service, String... args) {
			Map<String, List<String>> more = new LinkedHashMap<>(this.jvmArgs);
			List<String> flags = new java.util.ArrayList<>(more.getOrDefault(service, List.of()));
			flags.addAll(List.of(args));
			more.put(service, List.copyOf(flags));
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, this.services,
					this.snapshotJars, this.managementPorts, this.root, this.work, this.heaps, more);
		}

		Options fromBuildJars() {
			return new Options(this.name, this.replicas, this.backend, this.storeUris, this.env, this.services, false,
					this.managementPorts, this.root, this.work, this.heaps, this.jvmArgs);
		}

	}

	/** The platform shared by every test class of this JVM, started on first use and stopped at JVM exit. */
	public static synchronized PlatformProcesses shared() {
		if (shared == null) {
			try {
				PlatformProcesses platform = new PlatformProcesses(Options.named("platform").fromBuildJars());
				Runtime.getRuntime().addShutdownHook(new Thread(platform::stopAll));
				platform.startAll();
				shared = platform;
			}
			catch (IOException ex) {
				throw new IllegalStateException("could not start the platform", ex);
			}
		}
		return shared;
	}

	/**
	 * A platform of its own, started and ready (every instance's readiness, and kpi-service reaching its sources when
	 * it runs); the caller stops it with {@link #close()} (a JVM exit stops it too).
	 */
	public static PlatformProcesses create(Options options) {
		try {
			PlatformProcesses platform = new PlatformProcesses(options);
			Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
			try {
				platform.startAll();
			}
			catch (RuntimeException ex) {
				platform.close();
				throw ex;
			}
			return platform;
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start the platform " + options.name(), ex);
		}
	}

	/** SIGTERM to every instance at once, then waits for them (SIGKILL after 30 s). */
	@Override
	public void close() {
		List<Process> running = new java.util.ArrayList<>(this.processes.values());
		this.processes.clear();
		running.forEach(Process::destroy);
		for (Process process : running) {
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The instances of {@code service}: replica 0 carries the service's name, the others {@code service#i}. */
	public List<String> instances(String service) {
		int count = (service.equals("gateway") || service.equals("kpi-service")) ? 1 : this.options.replicas();
		List<String> names = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(i == 0 ? service : service + "#" + i);
		}
		return names;
	}

	/** The process of a running instance (its pid, whether it is alive), or null when it is not running. */
	public Process process(String instance) {
		return this.processes.get(instance);
	}

	/** The working directory: logs ({@code <instance>.log}), keys and data. */
	public Path work() {
		return this.work;
	}

	/** SIGKILL: the instance dies at once, mid-request, as on a node failure or an OOM kill. */
	public void kill(String instance) {
		Process process = this.processes.remove(instance);
		if (process == null) {
			return;
		}
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * SIGTERM without waiting: the instance shuts down gracefully while the caller watches; returns its process
	 * (null when it was not running).
	 */
	public Process terminate(String instance) {
		Process process = this.processes.remove(instance);
		if (process != null) {
			process.destroy();
		}
		return process;
	}

	/** Starts an instance again on its ports without waiting for it (see {@link #awaitReady(String)}). */
	public void launchInstance(String instance) {
		launch(instance);
	}

	public URI gateway() {
		return URI.create("http://127.0.0.1:" + this.httpPorts.get("gateway"));
	}

	public URI direct(String service) {
		return URI.create("http://127.0.0.1:" + this.httpPorts.get(service));
	}

	/** The instance's gRPC port (the gateway has none). */
	public int grpcPort(String instance) {
		Integer port = this.grpcPorts.get(instance);
		if (port == null) {
			throw new IllegalArgumentException(instance + " serves no gRPC");
		}
		return port;
	}

	/**
	 * The shared secret the services sign and check their gRPC service tokens with ({@code CRM_GRPC_AUTH_SECRET}), for
	 * a caller timing the facts calls directly the way kpi-service makes them.
	 */
	public String grpcSecret() {
		return read(this.keys.resolve("grpc-service.secret"));
	}

	/** Where an instance serves its actuator: its management port when it has one, else its HTTP port. */
	public URI management(String instance) {
		Integer port = this.managementPorts.get(instance);
		return port == null ? direct(instance) : URI.create("http://127.0.0.1:" + port);
	}

	void startAll() {
		List<String> all = this.options.services().stream().flatMap((service) -> instances(service).stream()).toList();
		all.forEach(this::launch);
		all.forEach(this::awaitReady);
		if (this.options.services().contains("kpi-service")) {
			awaitKpiSourcesUp();
		}
	}

	/**
	 * kpi-service starts refreshing while its sources may still be starting, so its breakers may be open for a few
	 * seconds; tests begin once it reaches them again.
	 */
	public void awaitKpiSourcesUp() {
		Api api = new Api(direct("kpi-service")).withHeader("Authorization", "Bearer " + token("MANAGER", "probe", null));
		await("kpi-service to reach its sources").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				Api.Response response = api.get("/api/kpis");
				if (response.status() != 200) {
					return false;
				}
				var sources = response.json().get("sources");
				for (String source : KPI_SOURCES) {
					if (!"UP".equals(sources.path(source).asString(""))) {
						return false;
					}
				}
				return true;
			});
	}

	public void start(String service) {
		launch(service);
		awaitReady(service);
	}

	/**
	 * Stops the instance (SIGTERM, waiting until it is gone) and starts it again on its ports with {@code jvmArgs}
	 * after the options' flags, replacing those of an earlier restart (an empty list: the options' flags alone); waits
	 * for its readiness. A benchmark compares a setting this way without starting a second platform.
	 */
	public void restart(String instance, List<String> jvmArgs) {
		stop(instance);
		this.restartArgs.put(instance, List.copyOf(jvmArgs));
		start(instance);
	}

	/** Stops a service the way Kubernetes does (SIGTERM, graceful shutdown), waiting until it is gone. */
	public void stop(String service) {
		Process process = this.processes.remove(service);
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void stopAll() {
		List<String> running = new java.util.ArrayList<>(this.processes.keySet());
		java.util.Collections.reverse(running);
		running.forEach(this::stop);
	}

	private Path buildJar(String service) {
		return this.root.resolve(service).resolve("target").resolve(service + "-" + this.version + ".jar");
	}

	/** Copies the service's jar into the working directory, checking the copy is a whole jar (not one mid-write). */
	private void snapshot(String service) throws IOException {
		Path copy = Files.createDirectories(this.work.resolve("jars")).resolve(service + ".jar");
		for (int attempt = 1;; attempt++) {
			if (!Files.isRegularFile(buildJar(service))) {
				throw new IllegalStateException(buildJar(service) + " is missing: run the build (./mvnw verify) so the jars exist");
			}
			Files.copy(buildJar(service), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile())) {
				if (zip.getEntry("META-INF/MANIFEST.MF") != null) {
					return;
				}
			}
			catch (IOException ex) {
				// not a whole zip yet
			}
			if (attempt == 5) {
				throw new IllegalStateException(buildJar(service) + " is not a readable jar");
			}
			try {
				Thread.sleep(3000); // being rebuilt: take it once written
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
	}

	private void launch(String instance) {
		String service = serviceOf(instance);
		Path jar = this.options.snapshotJars() ? this.work.resolve("jars").resolve(service + ".jar")
				: buildJar(service);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run the build (./mvnw verify) so the jars exist");
		}
		List<String> command = new java.util.ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-Xss512k", "-Xmx" + this.options.heaps().getOrDefault(service, "320m")));
		command.addAll(this.options.jvmArgs().getOrDefault(service, List.of()));
		command.addAll(this.restartArgs.getOrDefault(instance, List.of()));
		command.addAll(List.of("-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> env = builder.environment();
		env.putAll(environment(instance));
		env.put("CRM_DATA_DIR", this.work.resolve("data").toString());
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve(logName(instance)).toFile()));
		try {
			this.processes.put(instance, builder.start());
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + instance, ex);
		}
	}

	private static String serviceOf(String instance) {
		int hash = instance.indexOf('#');
		return hash < 0 ? instance : instance.substring(0, hash);
	}

	private static String logName(String instance) {
		return instance.replace('#', '-') + ".log";
	}

	/**
	 * Every address as a property, as Helm sets them: ports (the instance's own), gRPC targets, gateway routes (every
	 * replica, comma-separated). A gRPC target lists every replica too ({@code static-list:///a:1,b:2}, resolved by the
	 * platform's {@code StaticListNameResolverProvider}, round robin); in Kubernetes it is the headless Service.
	 */
	private Map<String, String> environment(String instance) {
		Map<String, String> env = new LinkedHashMap<>();
		String own = serviceOf(instance);
		env.put("GATEWAY_HTTP_PORT", port("gateway"));
		for (String prefix : List.of("SALES", "MARKETING", "SUPPORT", "KPI")) {
			String service = prefix.equals("KPI") ? "kpi-service" : prefix.toLowerCase() + "-service";
			String self = service.equals(own) ? instance : service;
			env.put(prefix + "_HTTP_PORT", port(self));
			env.put(prefix + "_GRPC_PORT", String.valueOf(this.grpcPorts.get(self)));
			env.put(prefix + "_GRPC_TARGET", "static-list:///" + String.join(",",
					instances(service).stream().map((replica) -> "127.0.0.1:" + this.grpcPorts.get(replica)).toList()));
			env.put(prefix + "_URL", String.join(",",
					instances(service).stream().map((replica) -> "http://127.0.0.1:" + port(replica)).toList()));
		}
		env.put("CRM_KPI_REFRESH_INTERVAL", "1s");
		env.put("CRM_JWT_PUBLIC_KEY", "file:" + this.keys.resolve("jwt-public.pem"));
		env.put("CRM_JWT_ISSUER", ISSUER);
		env.put("CRM_GRPC_AUTH_SECRET", grpcSecret());
		env.put("CRM_EMBEDDED_BACKEND", this.options.backend());
		String store = this.options.storeUris().get(own);
		if (store != null) {
			env.put("SPRING_MONGODB_URI", store);
		}
		Integer management = this.managementPorts.get(instance);
		if (management != null) {
			env.put("MANAGEMENT_SERVER_PORT", String.valueOf(management));
		}
		env.putAll(this.options.env());
		return env;
	}

	/** A token signed with the platform's development key, as {@code ./crm token} prints it. */
	public String token(String roles, String user, String team) {
		return this.tokens.computeIfAbsent(roles + "|" + user + "|" + team, (key) -> {
			List<String> args = new java.util.ArrayList<>(List.of("token", this.keys.toString(), ISSUER, roles, "--user", user));
			if (team != null) {
				args.addAll(List.of("--team", team));
			}
			return devJwt(args.toArray(String[]::new)).trim();
		});
	}

	/** The public API through the gateway, as the given role. */
	public Api api(String roles) {
		return new Api(gateway()).withHeader("Authorization", "Bearer " + token(roles, "user-" + roles.toLowerCase(), null));
	}

	public Api api(String roles, String user, String team) {
		return new Api(gateway()).withHeader("Authorization", "Bearer " + token(roles, user, team));
	}

	/** Runs scripts/DevJwt.java, the same single-file program {@code ./crm} uses. */
	private String devJwt(String... args) {
		List<String> command = new java.util.ArrayList<>(List.of("java", this.root.resolve("scripts/DevJwt.java").toString()));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException("DevJwt failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String port(String service) {
		return String.valueOf(this.httpPorts.get(service));
	}

	/** Waits until the instance answers its readiness probe with 200 (it must be running). */
	public void awaitReady(String service) {
		URI readiness = management(service).resolve("/actuator/health/readiness");
		await("readiness of " + service).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(300))
			.until(() -> {
				Process process = this.processes.get(service);
				if (process == null || !process.isAlive()) {
					throw new IllegalStateException(service + " exited; see " + this.work.resolve(logName(service)));
				}
				return status(readiness) == 200;
			});
	}

	private int status(URI uri) {
		try {
			return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/** Ports handed out by this JVM, so two instances never get the same one. */
	private static final java.util.Set<Integer> handedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * A free port below Linux's ephemeral range (32768–60999). A port from {@code new ServerSocket(0)} comes from that
	 * range, which every outgoing connection also draws its local port from: with a load running, a client socket
	 * once took a port between its pick and the service's bind ("Port … was already in use", a CI failure).
	 */
	private static synchronized int freePort() throws IOException {
		int span = 32000 - 20000;
		int start = java.util.concurrent.ThreadLocalRandom.current().nextInt(span);
		for (int i = 0; i < span; i++) {
			int port = 20000 + (start + i) % span;
			if (handedOut.contains(port)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket()) {
				socket.setReuseAddress(true);
				socket.bind(new java.net.InetSocketAddress(port));
				handedOut.add(port);
				return port;
			}
			catch (IOException ex) {
				// taken: try the next one
			}
		}
		throw new IOException("no free port between 20000 and 32000");
	}
}
