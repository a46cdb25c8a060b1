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
 */
public final class PlatformProcesses {

	public static final List<String> SERVICES = List.of("sales-service", "marketing-service", "support-service",
			"kpi-service", "gateway");

	static final String ISSUER = "pulse-crm-dev";

	/** The sources kpi-service must reach before tests start. */
	static final List<String> KPI_SOURCES = List.of("sales", "marketing", "support");

	private static PlatformProcesses shared;

	private final Path root = Path.of(System.getProperty("crm.root", "..")).toAbsolutePath().normalize();

	private final String version = System.getProperty("crm.version", "0.1.0-SNAPSHOT");

	private final Path work;

	private final Map<String, Integer> httpPorts = new LinkedHashMap<>();

	private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

	private final Path keys;

	private PlatformProcesses() throws IOException {
		this.work = Files.createDirectories(this.root.resolve("system-tests/target/platform"));
		this.keys = this.work.resolve("keys");
		devJwt("keys", this.keys.toString());
		for (String service : SERVICES) {
			this.httpPorts.put(service, freePort());
			if (!service.equals("gateway")) {
				this.grpcPorts.put(service, freePort());
			}
		}
	}

	/** The platform shared by every test class of this JVM, started on first use and stopped at JVM exit. */
	public static synchronized PlatformProcesses shared() {
		if (shared == null) {
			try {
				PlatformProcesses platform = new PlatformProcesses();
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

	public URI gateway() {
		return URI.create("http://127.0.0.1:" + this.httpPorts.get("gateway"));
	}

	public URI direct(String service) {
		return URI.create("http://127.0.0.1:" + this.httpPorts.get(service));
	}

	void startAll() {
		SERVICES.forEach(this::launch);
		SERVICES.forEach(this::awaitReady);
		awaitKpiSourcesUp();
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

	private void launch(String service) {
		Path jar = this.root.resolve(service).resolve("target").resolve(service + "-" + this.version + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run the build (./mvnw verify) so the jars exist");
		}
		ProcessBuilder builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xss512k", "-Xmx320m", "-jar", jar.toString());
		Map<String, String> env = builder.environment();
		env.putAll(environment());
		env.put("CRM_DATA_DIR", this.work.resolve("data").toString());
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve(service + ".log").toFile()));
		try {
			this.processes.put(service, builder.start());
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not start " + service, ex);
		}
	}

	/** Every address as a property, as Helm sets them: ports, gRPC targets, gateway routes. */
	private Map<String, String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("GATEWAY_HTTP_PORT", port("gateway"));
		for (String prefix : List.of("SALES", "MARKETING", "SUPPORT", "KPI")) {
			String service = prefix.equals("KPI") ? "kpi-service" : prefix.toLowerCase() + "-service";
			env.put(prefix + "_HTTP_PORT", port(service));
			env.put(prefix + "_GRPC_PORT", String.valueOf(this.grpcPorts.get(service)));
			env.put(prefix + "_GRPC_TARGET", "static://127.0.0.1:" + this.grpcPorts.get(service));
			env.put(prefix + "_URL", "http://127.0.0.1:" + port(service));
		}
		env.put("CRM_KPI_REFRESH_INTERVAL", "1s");
		env.put("CRM_JWT_PUBLIC_KEY", "file:" + this.keys.resolve("jwt-public.pem"));
		env.put("CRM_JWT_ISSUER", ISSUER);
		env.put("CRM_GRPC_AUTH_SECRET", read(this.keys.resolve("grpc-service.secret")));
		env.put("CRM_EMBEDDED_BACKEND", "memory");
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

	private void awaitReady(String service) {
		URI readiness = direct(service).resolve("/actuator/health/readiness");
		await("readiness of " + service).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(300))
			.until(() -> {
				Process process = this.processes.get(service);
				if (process == null || !process.isAlive()) {
					throw new IllegalStateException(service + " exited; see " + this.work.resolve(service + ".log"));
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}
}
