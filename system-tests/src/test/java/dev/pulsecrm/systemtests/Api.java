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

/** A small JSON-over-HTTP client for driving the public API in tests. */
public final class Api {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> headers;

	public Api(URI base) {
		this(base, Map.of());
	}

	public Api(URI base, Map<String, String> headers) {
		this.base = base;
		this.headers = Map.copyOf(headers);
	}

	public Api withHeader(String name, String value) {
		Map<String, String> more = new java.util.HashMap<>(this.headers);
		more.put(name, value);
		return new Api(this.base, more);
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
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode body = (response.body().isBlank() || !contentType.contains("json")) ? null
					: json.readTree(response.body());
			return new Response(response.statusCode(), contentType, body, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String contentType, JsonNode json, String text) {

		public String id() {
			return this.json.get("id").asString();
		}

		public boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}
	}
}
