package dev.pulsecrm.systemtests.reliability;

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
 * One HTTP/1.1 client shared by every load worker (the fixture's {@code Api} builds a client per instance, too heavy
 * for thousands of requests a second). A request that fails below HTTP (refused, reset, timed out) is status -1.
 */
final class Http {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client;

	private final URI base;

	private final String token;

	Http(URI base, String token) {
		this.base = base;
		this.token = token;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	Reply get(String path) {
		return send(HttpRequest.newBuilder(this.base.resolve(path)).GET(), Map.of());
	}

	Reply post(String path, Object body, Map<String, String> headers) {
		String text = (body instanceof String s) ? s : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", path.endsWith("/import") ? "application/x-ndjson" : "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(text)), headers);
	}

	Reply put(String path, Object body) {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), Map.of());
	}

	Reply send(HttpRequest.Builder request, Map<String, String> headers) {
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		headers.forEach(request::header);
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(40)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), start, System.nanoTime());
		}
		catch (IOException ex) {
			return new Reply(-1, "", ex.toString(), start, System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Reply(-1, "", ex.toString(), start, System.nanoTime());
		}
	}

	/** A response (or a transport failure, status -1) with when it was sent and answered. */
	record Reply(int status, String contentType, String body, long sentNanos, long answeredNanos) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

		long millis() {
			return (this.answeredNanos - this.sentNanos) / 1_000_000;
		}
	}
}
