package dev.pulsecrm.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The five services as processes from their executable jars, the way {@code ./crm up} and the system-tests fixture
 * ({@code PlatformProcesses}) start them: free loopback ports, the embedded MongoDB (memory backend), JWT security
 * with a development key and signed gRPC service tokens. Unlike the fixture, the heap, extra JVM flags (the gateway's
 * native transport) and the environment are the benchmark's to choose, and a service can be restarted with other
 * flags.
 */
public final class Platform implements AutoCloseable {

	public static final List<String> SERVICES = List.of("sales-service", "marketing-service", "support-service",
			"kpi-service", "gateway");

	static final String ISSUER = "pulse-crm-dev";

	private final Path root;

	private final String version;

	private final Path work;

	private final Path keys;

	private final Map<String, Integer> httpPorts = new LinkedHashMap<>();

	private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();

	private final Map<String, Process> processes = new ConcurrentHashMap<>();

	private final Map<String, List<String>> jvmFlags = new ConcurrentHashMap<>();

	private final Map<String, String> extraEnv;

	private final String domainHeap;

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	public Platform(Path root, String version, String domainHeap, Map<String, String> extraEnv) throws IOException {
		this.root = root;
		this.version = version;
		this.domainHeap = domainHeap;
		this.extraEnv = extraEnv;
		this.work = Files.createDirectories(root.resolve("bench/target/platform"));
		this.keys = this.work.resolve("keys");
		// an interrupted benchmark (Ctrl-C) must not leave five JVMs behind
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "platform-stop"));
		devJwt("keys", this.keys.toString());
		// run copies: a build replacing a jar under a running JVM breaks its class loading
		Path jars = Files.createDirectories(this.work.resolve("jars"));
		for (String service : SERVICES) {
			Path jar = root.resolve(service).resolve("target").resolve(service + "-" + version + ".jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: build first (./mvnw -pl bench -am -DskipTests install)");
			}
			Files.copy(jar, jars.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		pickPorts();
	}

	public Path work() {
		return this.work;
	}

	public URI gateway() {
		return URI.create("http://127.0.0.1:" + this.httpPorts.get("gateway"));
	}

	public URI direct(String service) {
		return URI.create("http://127.0.0.1:" + this.httpPorts.get(service));
	}

	public int grpcPort(String service) {
		return this.grpcPorts.get(service);
	}

	public String grpcSecret() {
		return read(this.keys.resolve("grpc-service.secret"));
	}

	/** Starts the five; on a shared machine a free port can be taken before a service binds it: then new ports. */
	public void startAll() throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				SERVICES.forEach(this::launch);
				SERVICES.forEach(this::awaitReady);
				return;
			}
			catch (IllegalStateException ex) {
				close();
				if (attempt == 3) {
					throw ex;
				}
				System.err.println(ex.getMessage() + ": retrying on other ports");
				pickPorts();
			}
		}
	}

	private void pickPorts() throws IOException {
		for (String service : SERVICES) {
			this.httpPorts.put(service, freePort());
			if (!service.equals("gateway")) {
				this.grpcPorts.put(service, freePort());
			}
		}
	}

	/** Stops {@code service} (SIGTERM) and starts it again with {@code flags} added to its JVM. */
	public void restart(String service, List<String> flags) {
		stop(service);
		this.jvmFlags.put(service, List.copyOf(flags));
		launch(service);
		awaitReady(service);
	}

	public long pid(String service) {
		return this.processes.get(service).pid();
	}

	/** Resident set size of the service's JVM in MiB (VmRSS from /proc), or -1 where /proc is missing. */
	public double rssMiB(String service) {
		return rssMiB(pid(service));
	}

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

	public String token(String roles, String user) {
		return this.tokens.computeIfAbsent(roles + "|" + user,
				(key) -> devJwt("token", this.keys.toString(), ISSUER, roles, "--user", user, "--team", "emea").trim());
	}

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

	@Override
	public void close() {
		List<String> running = new ArrayList<>(SERVICES);
		java.util.Collections.reverse(running);
		running.forEach(this::stop);
	}

	private void launch(String service) {
		Path jar = this.work.resolve("jars").resolve(service + "-" + this.version + ".jar");
		String heap = service.endsWith("-service") && !service.equals("kpi-service") ? this.domainHeap : "320m";
		List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xss512k", "-Xmx" + heap));
		command.addAll(this.jvmFlags.getOrDefault(service, List.of()));
		command.addAll(List.of("-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment());
		builder.environment().put("CRM_DATA_DIR", this.work.resolve("data").toString());
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve(service + ".log").toFile()));
		try {
			this.processes.put(service, builder.start());
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + service, ex);
		}
	}

	private Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("GATEWAY_HTTP_PORT", String.valueOf(this.httpPorts.get("gateway")));
		for (String prefix : List.of("SALES", "MARKETING", "SUPPORT", "KPI")) {
			String service = prefix.equals("KPI") ? "kpi-service" : prefix.toLowerCase() + "-service";
			env.put(prefix + "_HTTP_PORT", String.valueOf(this.httpPorts.get(service)));
			env.put(prefix + "_GRPC_PORT", String.valueOf(this.grpcPorts.get(service)));
			env.put(prefix + "_GRPC_TARGET", "static://127.0.0.1:" + this.grpcPorts.get(service));
			env.put(prefix + "_URL", "http://127.0.0.1:" + this.httpPorts.get(service));
		}
		env.put("CRM_JWT_PUBLIC_KEY", "file:" + this.keys.resolve("jwt-public.pem"));
		env.put("CRM_JWT_ISSUER", ISSUER);
		env.put("CRM_GRPC_AUTH_SECRET", grpcSecret());
		env.put("CRM_EMBEDDED_BACKEND", "memory");
		env.putAll(this.extraEnv);
		return env;
	}

	private void awaitReady(String service) {
		Http http = new Http(Duration.ofSeconds(2));
		URI readiness = direct(service).resolve("/actuator/health/readiness");
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < deadline) {
			Process process = this.processes.get(service);
			if (process == null || !process.isAlive()) {
				throw new IllegalStateException(service + " exited; see " + this.work.resolve(service + ".log"));
			}
			if (http.status(readiness) == 200) {
				return;
			}
			sleep(300);
		}
		throw new IllegalStateException(service + " not ready after 180 s; see " + this.work.resolve(service + ".log"));
	}

	private String devJwt(String... args) {
		List<String> command = new ArrayList<>(List.of("java", this.root.resolve("scripts/DevJwt.java").toString()));
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

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}
}
