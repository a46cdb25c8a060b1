package dev.pulsecrm.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the gateway: answers each request with the next queued response and records what it received, so
 * a test can check the path, query, headers and JSON a client sends and how it reads the answer.
 */
public final class FakeGateway {

	private final HttpServer server;

	private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

	private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

	FakeGateway() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot open a loopback port for the fake gateway", ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Clears what earlier tests left behind. */
	public void reset() {
		this.replies.clear();
		this.received.clear();
	}

	public void reply(int status, String contentType, String body) {
		this.replies.add(new Reply(status, contentType, body));
	}

	public void replyJson(int status, String body) {
		reply(status, "application/json", body);
	}

	/** The request the client sent (waits briefly: the server thread records it). */
	public Received request() {
		try {
			Received request = this.received.poll(5, TimeUnit.SECONDS);
			if (request == null) {
				throw new AssertionError("the client sent no request");
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				query(exchange.getRequestURI().getRawQuery()), copy(exchange.getRequestHeaders()),
				new String(body, StandardCharsets.UTF_8)));
		Reply reply = this.replies.poll();
		if (reply == null) {
			reply = new Reply(500, "text/plain", "no reply queued");
		}
		byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
		if (reply.contentType() != null) {
			exchange.getResponseHeaders().set("Content-Type", reply.contentType());
		}
		exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
		try (OutputStream stream = exchange.getResponseBody()) {
			stream.write(out);
		}
	}

	private static Map<String, List<String>> query(String raw) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	private static Map<String, String> copy(Headers headers) {
		Map<String, String> copy = new LinkedHashMap<>();
		headers.forEach((name, values) -> copy.put(name.toLowerCase(), String.join(",", values)));
		return copy;
	}

	private record Reply(int status, String contentType, String body) {
	}

	/** One request as the gateway saw it; header names lower-case, query values decoded. */
	public record Received(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
			String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

		/** Query parameters with one value each, for exact comparisons. */
		public Map<String, String> singleQuery() {
			Map<String, String> single = new LinkedHashMap<>();
			this.query.forEach((name, values) -> single.put(name, String.join(",", values)));
			return single;
		}
	}
}
