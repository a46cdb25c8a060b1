package dev.pulsecrm.gateway;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.awaitility.Awaitility.await;

/**
 * One replica behind the gateway that can be stopped and started again on the same port, as a killed and restarted
 * service is. Counts the requests it received per method (readiness probes apart), answers its readiness endpoint
 * with 200 or 503, and can be told to break: accept a request, read it, and close the connection without answering.
 */
public final class ReplicaBackend {

	static final String READINESS = "/actuator/health/readiness";

	private final String name;

	private final int port;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final AtomicInteger probes = new AtomicInteger();

	private volatile boolean ready = true;

	private volatile boolean broken;

	private volatile int answer = 200;

	private volatile HttpServer server;

	private ReplicaBackend(String name, HttpServer server) {
		this.name = name;
		this.server = server;
		this.port = server.getAddress().getPort();
	}

	/** Starts a replica on a free loopback port. */
	public static ReplicaBackend start(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			ReplicaBackend backend = new ReplicaBackend(name, server);
			backend.serve(server);
			return backend;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** Stops at once, closing every connection: the port refuses connections from now on. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	/** Starts again on the same port (binding as soon as the old socket lets go). */
	public synchronized void restart() {
		if (this.server != null) {
			return;
		}
		await().atMost(Duration.ofSeconds(5)).ignoreException(BindException.class).until(() -> {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 0);
			return true;
		});
		serve(this.server);
	}

	public boolean running() {
		return this.server != null;
	}

	public void ready(boolean ready) {
		this.ready = ready;
	}

	public void broken(boolean broken) {
		this.broken = broken;
	}

	/** The status every request (not the readiness probe) is answered with from now on; 200 by default. */
	public void answer(int status) {
		this.answer = status;
	}

	/** Requests received with this method, readiness probes not included. */
	public int requests(String method) {
		AtomicInteger count = this.requests.get(method);
		return count == null ? 0 : count.get();
	}

	public int probes() {
		return this.probes.get();
	}

	public void resetCounts() {
		this.requests.clear();
		this.probes.set(0);
	}

	private void serve(HttpServer server) {
		server.createContext("/", this::handle);
		server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		if (READINESS.equals(exchange.getRequestURI().getPath())) {
			this.probes.incrementAndGet();
			respond(exchange, this.ready ? 200 : 503, this.ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}");
			return;
		}
		this.requests.computeIfAbsent(exchange.getRequestMethod(), (method) -> new AtomicInteger()).incrementAndGet();
		if (this.broken) {
			// the JDK server closes the connection of an exchange whose handler throws, without a response
			throw new IllegalStateException(this.name + " breaks the connection on purpose");
		}
		respond(exchange, this.answer, "{\"replica\":\"" + this.name + "\",\"method\":\"" + exchange.getRequestMethod() + "\"}");
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}
}
