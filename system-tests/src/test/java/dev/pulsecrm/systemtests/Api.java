package dev.pulsecrm.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for driving the public API in tests. Each instance builds its own client, unless it
 * comes from {@link #over(HttpClient, URI, Duration)}: then it and every copy share the given one (a load generator's
 * single connection pool).
 */
public final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private final URI base;

	private final HttpClient http;

	/** The client every copy shares, or null: each copy builds its own. */
	private final HttpClient shared;

	private final Duration timeout;

	private final Map<String, String> headers;

	public Api(URI base) {
		this(base, Map.of());
	}

	public Api(URI base, Map<String, String> headers) {
		this(base, headers, null, DEFAULT_TIMEOUT);
	}

	private Api(URI base, Map<String, String> headers, HttpClient shared, Duration timeout) {
		this.base = base;
		this.headers = Map.copyOf(headers);
		this.shared = shared;
		this.http = (shared != null) ? shared
				: HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		this.timeout = timeout;
	}

	/**
	 * An Api whose requests, and those of every copy ({@link #withHeader}, {@link #at}), go through {@code client}
	 * with {@code timeout} each: thousands of requests a second from many callers need one connection pool (and
	 * usually HTTP/1.1), and a bulk import or a query over a large data set can take longer than the 30 s a test
	 * allows.
	 */
	public static Api over(HttpClient client, URI base, Duration timeout) {
		return new Api(base, Map.of(), client, timeout);
	}

	public Api withHeader(String name, String value) {
		Map<String, String> more = new java.util.HashMap<>(this.headers);
		more.put(name, value);
		return new Api(this.base, more, this.shared, this.timeout);
	}

	/** The same headers (and shared client, if any) against another base, such as a service's own port. */
	public Api at(URI other) {
		return new Api(other, this.headers, this.shared, this.timeout);
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET());
	}

	public Response post(String path, Object body) {
		String text = (body instanceof String s) ? s : json.writeValueAsString(body);
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	public Response postNdjson(String path, String lines) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(lines)));
	}

	public Response put(String path, Object body) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private Response send(HttpRequest.Builder request) {
		this.headers.forEach(request::header);
		try {
			long start = System.nanoTime();
			HttpResponse<String> response = this.http.send(request.timeout(this.timeout).build(),
					HttpResponse.BodyHandlers.ofString());
			long nanos = System.nanoTime() - start;
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode body = (response.body().isBlank() || !contentType.contains("json")) ? null
					: json.readTree(response.body());
			return new Response(response.statusCode(), contentType, body, response.body(), nanos);
		}
		catch (IOException ex) {
			throw new IllegalStateException("request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response; {@code nanos} is how long it took from sending to the whole body read (before parsing it), 0 where a
	 * response was made without being timed.
	 */
	public record Response(int status, String contentType, JsonNode json, String text, long nanos) {

		public Response(int status, String contentType, JsonNode json, String text) {
			this(status, contentType, json, text, 0);
		}

		public String id() {
			return this.json.get("id").asString();
		}

		public boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}
	}
}
