package dev.pulsecrm.gateway.routing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The readiness probe against real sockets on loopback: what counts as ready, and that it never hangs or fails. */
class ReadinessProbeTest {

	static final Duration TIMEOUT = Duration.ofMillis(500);

	static final AtomicInteger status = new AtomicInteger(200);

	static HttpServer server;

	final ReadinessProbe probe = new ReadinessProbe("/actuator/health/readiness", TIMEOUT);

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/actuator/health/readiness", (exchange) -> {
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status.get(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		// the first use of Reactor Netty's client loads its classes and event loops, which can outlast a probe timeout
		new ReadinessProbe("/", Duration.ofSeconds(10)).ready(base()).block(Duration.ofSeconds(15));
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Test
	void readinessUpIsReady() {
		status.set(200);
		assertThat(probe(base())).isTrue();
	}

	@Test
	void readinessOutOfServiceIsNotReady() {
		status.set(503);
		assertThat(probe(base())).isFalse();
		status.set(500);
		assertThat(probe(base())).isFalse();
	}

	@Test
	void aPortWithoutAnOpenReadinessEndpointIsReadyBecauseItAnswersHttp() {
		for (int code : new int[] { 404, 401, 403 }) {
			status.set(code);
			assertThat(probe(base())).as("status %d", code).isTrue();
		}
	}

	@Test
	void aClosedPortIsNotReady() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		assertThat(probe(URI.create("http://127.0.0.1:" + closed))).isFalse();
	}

	@Test
	void aReplicaThatAcceptsButNeverAnswersIsNotReadyOnceTheTimeoutPasses() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			long start = System.nanoTime();
			assertThat(probe(URI.create("http://127.0.0.1:" + silent.getLocalPort()))).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			try (Socket accepted = silent.accept()) {
				assertThat(accepted.isConnected()).as("the probe did connect").isTrue();
			}
		}
	}

	@Test
	void settingsRejectNonsense() {
		assertThatThrownBy(() -> new ReplicaHealthSettings(Duration.ZERO, null, null, null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("probe-interval");
		assertThatThrownBy(() -> new ReplicaHealthSettings(null, Duration.ofMillis(-1), null, null))
			.hasMessageContaining("probe-timeout");
		assertThatThrownBy(() -> new ReplicaHealthSettings(null, null, Duration.ofSeconds(-1), null))
			.hasMessageContaining("ejection-time");
		assertThatThrownBy(() -> new ReplicaHealthSettings(null, null, null, "actuator/health"))
			.hasMessageContaining("probe-path");
		ReplicaHealthSettings defaults = new ReplicaHealthSettings(null, null, null, null);
		assertThat(defaults.probeInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.probeTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(defaults.ejectionTime()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.probePath()).isEqualTo("/actuator/health/readiness");
	}

	private boolean probe(URI base) {
		return this.probe.ready(base).block(Duration.ofSeconds(5));
	}

	private static URI base() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}
}
