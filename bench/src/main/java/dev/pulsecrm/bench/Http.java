package dev.pulsecrm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A thin HTTP/1.1 client for the benchmark: one shared connection pool, timings in nanoseconds. */
public final class Http {

	static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client;

	private final Duration timeout;

	public Http(Duration timeout) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.timeout = timeout;
	}

	public record Response(int status, String body, long nanos) {

		public JsonNode json() {
			return Http.json.readTree(this.body);
		}
	}

	public Response get(URI uri, String token) {
		return send(request(uri, token).GET());
	}

	public Response post(URI uri, String token, String contentType, String body) {
		return send(request(uri, token).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response postJson(URI uri, String token, Object body) {
		return post(uri, token, "application/json", json.writeValueAsString(body));
	}

	int status(URI uri) {
		try {
			return this.client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
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

	private HttpRequest.Builder request(URI uri, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(this.timeout);
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), System.nanoTime() - start);
		}
		catch (IOException ex) {
			return new Response(-1, ex.toString(), System.nanoTime() - start);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
