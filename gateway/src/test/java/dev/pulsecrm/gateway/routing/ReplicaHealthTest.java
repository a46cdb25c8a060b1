package dev.pulsecrm.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation rules on their own: ejection, fail-open, the single instance, re-admission by probe. */
class ReplicaHealthTest {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	StaticInstances instances;

	@Test
	void aReplicaThatRefusedAConnectionLeavesRotation() {
		ReplicaHealth health = health("http://127.0.0.1:1001,http://127.0.0.1:1002", Duration.ZERO);
		health.failed(instance(health, 1), new ConnectException("Connection refused"));
		assertThat(ports(health.available("sales-service"))).containsExactly(1001);
		assertThat(health.inRotation("sales-service", "127.0.0.1", 1002)).isFalse();
		assertThat(this.meters.get("crm.gateway.replica.ejections").tag("service", "sales-service").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("crm.gateway.replicas.in.rotation").tag("service", "sales-service").gauge().value())
			.isEqualTo(1);
	}

	@Test
	void failuresThatDoNotShowADeadReplicaKeepItInRotation() {
		ReplicaHealth health = health("http://127.0.0.1:1001,http://127.0.0.1:1002", Duration.ZERO);
		health.failed(instance(health, 1), PrematureCloseException.TEST_EXCEPTION);
		health.failed(instance(health, 1), new java.util.concurrent.TimeoutException("slow"));
		health.failed(null, new ConnectException("no instance chosen"));
		assertThat(health.available("sales-service")).hasSize(2);
	}

	@Test
	void whenEveryReplicaIsOutAllAreReturned() {
		ReplicaHealth health = health("http://127.0.0.1:1001,http://127.0.0.1:1002", Duration.ZERO);
		health.failed(instance(health, 0), new ConnectException("Connection refused"));
		health.failed(instance(health, 1), new ConnectException("Connection refused"));
		assertThat(ports(health.available("sales-service"))).containsExactly(1001, 1002);
		assertThat(this.meters.get("crm.gateway.replicas.in.rotation").tag("service", "sales-service").gauge().value())
			.isZero();
	}

	@Test
	void theOnlyInstanceIsNeverEjected() {
		ReplicaHealth health = health("http://127.0.0.1:1001", Duration.ZERO);
		health.failed(instance(health, 0), new ConnectException("Connection refused"));
		assertThat(health.inRotation("sales-service", "127.0.0.1", 1001)).isTrue();
		assertThat(health.available("sales-service")).hasSize(1);
		assertThat(health.available("unknown-service")).isEmpty();
	}

	@Test
	void anEjectedReplicaReturnsWhenItsProbePassesAndNotBefore() throws IOException {
		HttpServer ready = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		ready.createContext("/actuator/health/readiness", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		ready.start();
		try {
			int dead = closedPort();
			String urls = "http://127.0.0.1:" + ready.getAddress().getPort() + ",http://127.0.0.1:" + dead;
			ReplicaHealth health = health(urls, Duration.ZERO);
			health.failed(instance(health, 0), new ConnectException("Connection refused"));
			health.failed(instance(health, 1), new ConnectException("Connection refused"));

			health.probeEjected().block(Duration.ofSeconds(5));

			assertThat(health.inRotation("sales-service", "127.0.0.1", ready.getAddress().getPort())).isTrue();
			assertThat(health.inRotation("sales-service", "127.0.0.1", dead)).as("still refuses").isFalse();
			assertThat(ports(health.available("sales-service"))).containsExactly(ready.getAddress().getPort());
		}
		finally {
			ready.stop(0);
		}
	}

	@Test
	void anEjectedReplicaIsNotProbedBeforeItsEjectionTime() throws IOException {
		HttpServer ready = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		ready.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		ready.start();
		try {
			String urls = "http://127.0.0.1:" + ready.getAddress().getPort() + ",http://127.0.0.1:1002";
			ReplicaHealth health = health(urls, Duration.ofHours(1));
			health.failed(instance(health, 0), new ConnectException("Connection refused"));
			health.probeEjected().block(Duration.ofSeconds(5));
			assertThat(health.inRotation("sales-service", "127.0.0.1", ready.getAddress().getPort())).isFalse();
		}
		finally {
			ready.stop(0);
		}
	}

	private ReplicaHealth health(String salesUrls, Duration ejectionTime) {
		this.instances = new StaticInstances(Map.of("sales-service", salesUrls));
		return new ReplicaHealth(this.instances,
				new ReplicaHealthSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), ejectionTime, null), this.meters);
	}

	/** The configured replica, whether in rotation or not. */
	private ServiceInstance instance(ReplicaHealth health, int index) {
		return this.instances.list("sales-service").get(index);
	}

	private static List<Integer> ports(List<ServiceInstance> instances) {
		return instances.stream().map(ServiceInstance::getPort).toList();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
