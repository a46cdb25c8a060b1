package dev.pulsecrm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.pulsecrm.systemtests.Api;
import dev.pulsecrm.systemtests.PlatformProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the bench takes from the system tests' fixture: the options it starts the platform with, the timed API over one
 * pool, and a request failing below HTTP counted rather than ending a worker. The platform itself runs in the bench
 * run and in the system tests.
 */
class PlatformFixtureTest {

	/** The repository root: surefire runs in the bench module's directory. */
	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void theBenchOptionsGiveTheDomainServicesTheirHeapAndEveryServiceTheEnvironment() {
		Bench bench = new Bench(Bench.parse(new String[] { "--root", "..", "--domain-heap", "1g" }));
		PlatformProcesses.Options options = bench.platformOptions(Map.of("CRM_KPI_REFRESH_INTERVAL", "1h"));
		assertThat(options.root()).isEqualTo(ROOT);
		assertThat(options.work()).isEqualTo(ROOT.resolve("bench/target/platform"));
		assertThat(options.heaps()).containsOnly(Map.entry("sales-service", "1g"),
				Map.entry("marketing-service", "1g"), Map.entry("support-service", "1g"));
		assertThat(options.env()).containsEntry("CRM_KPI_REFRESH_INTERVAL", "1h");
		assertThat(options.services()).isEqualTo(PlatformProcesses.SERVICES);
		assertThat(options.snapshotJars()).isTrue();
		assertThat(options.replicas()).isOne();
	}

	@Test
	void theDefaultsStayTheFixturesOwn() {
		PlatformProcesses.Options options = PlatformProcesses.Options.named("defaults");
		assertThat(options.root()).isNull();
		assertThat(options.work()).isNull();
		assertThat(options.heaps()).isEmpty();
		assertThat(options.jvmArgs()).isEmpty();
		// every wither carries the new settings along
		PlatformProcesses.Options tuned = options.heap("gateway", "512m")
			.jvmArgs("gateway", "-Dreactor.netty.native=false")
			.replicas(2)
			.backend("h2")
			.env("A", "b")
			.store("sales-service", "mongodb://127.0.0.1:1/sales")
			.managementPort("gateway")
			.only("gateway");
		assertThat(tuned.heaps()).containsOnly(Map.entry("gateway", "512m"));
		assertThat(tuned.jvmArgs()).containsOnly(Map.entry("gateway", List.of("-Dreactor.netty.native=false")));
	}

	@Test
	void jvmArgsAddUpPerService() {
		PlatformProcesses.Options options = PlatformProcesses.Options.named("flags")
			.jvmArgs("gateway", "-Da=1")
			.jvmArgs("gateway", "-Db=2", "-Dc=3")
			.jvmArgs("kpi-service", "-Dd=4");
		assertThat(options.jvmArgs().get("gateway")).containsExactly("-Da=1", "-Db=2", "-Dc=3");
		assertThat(options.jvmArgs().get("kpi-service")).containsExactly("-Dd=4");
	}

	@Test
	void aHeapThatIsNoSizeIsRefused() {
		PlatformProcesses.Options options = PlatformProcesses.Options.named("heap");
		assertThatIllegalArgumentException().isThrownBy(() -> options.heap("sales-service", "2 GB"))
			.withMessageContaining("2 GB");
		assertThatIllegalArgumentException().isThrownBy(() -> options.heap("sales-service", "-Xmx2g"));
		assertThat(options.heap("sales-service", "2g").heaps()).containsEntry("sales-service", "2g");
	}

	@Test
	void aPlatformOfNoServicesWorksInTheGivenDirectoryWithItsOwnKeys(@TempDir Path work) {
		try (PlatformProcesses platform = PlatformProcesses
			.create(PlatformProcesses.Options.named("empty").only().root(ROOT).work(work))) {
			assertThat(platform.work()).isEqualTo(work.toAbsolutePath().normalize());
			assertThat(work.resolve("keys/grpc-service.secret")).isRegularFile();
			assertThat(platform.grpcSecret()).isNotBlank();
			assertThat(platform.grpcPort("sales-service")).isPositive();
			assertThat(platform.process("gateway")).isNull();
			assertThat(platform.token("MANAGER", "bench", "emea")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
			assertThatIllegalArgumentException().isThrownBy(() -> platform.grpcPort("gateway"))
				.withMessageContaining("gateway");
		}
	}

	@Test
	void copiesOfASharedApiSendTheirHeadersThroughOnePoolAndTimeEachRequest() throws IOException {
		List<String> seen = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			seen.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] body = "{\"id\":\"x1\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(201, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			Api api = Api.over(client, URI.create("http://127.0.0.1:1"), Duration.ofSeconds(5))
				.withHeader("Authorization", "Bearer t")
				.at(base);
			Api.Response response = api.post("/api/sales/deals", Map.of("name", "d"));
			assertThat(response.status()).isEqualTo(201);
			assertThat(response.id()).isEqualTo("x1");
			assertThat(response.nanos()).isPositive();
			assertThat(api.get("/api/kpis").status()).isEqualTo(201);
			assertThat(seen).containsExactly("/api/sales/deals Bearer t", "/api/kpis Bearer t");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aRequestFailingBelowHttpIsAnErrorOfTheCellNotAnException() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		URI base = URI.create("http://127.0.0.1:" + closed);
		Api api = Api.over(HttpClient.newHttpClient(), base, Duration.ofSeconds(5));
		Api.Response response = Bench.send((at, worker, n) -> api.at(at).get("/api/kpis"), base, 0, 0);
		assertThat(response.status()).isEqualTo(-1);
		assertThat(response.text()).contains("request failed");
		assertThat(response.nanos()).isPositive();
	}

	@Test
	void theResidentSizeOfAGoneProcessIsUnknown() throws Exception {
		assertThat(Bench.rssMiB(ProcessHandle.current().pid())).isPositive();
		Process gone = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
		gone.getInputStream().readAllBytes();
		gone.waitFor();
		assertThat(Bench.rssMiB(gone.pid())).isEqualTo(-1);
	}
}
