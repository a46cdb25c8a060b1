package dev.pulsecrm.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Asks a replica whether it may take traffic again: {@code GET <base URL><probe path>} on a fresh connection (never a
 * pooled one that may still point at the killed process). 2xx is ready; 503 (readiness {@code OUT_OF_SERVICE} while it
 * starts or drains) and any failure or timeout are not. 401, 403 and 404 also count as ready: the port answers HTTP
 * but serves no open readiness endpoint, which is the case when a service runs actuator on a separate management port
 * (the Helm chart does); there the probe degrades to "the process listens and speaks HTTP", which is still what
 * separates a restarted replica from a dead one.
 */
final class ReadinessProbe {

	private final HttpClient http;

	private final String path;

	private final Duration timeout;

	ReadinessProbe(String path, Duration timeout) {
		this.path = path;
		this.timeout = timeout;
		this.http = HttpClient.newConnection()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
			.responseTimeout(timeout);
	}

	/** Completes with whether the replica at {@code base} is ready; never fails. */
	Mono<Boolean> ready(URI base) {
		String url = base.toString().replaceAll("/+$", "") + this.path;
		return this.http.get()
			.uri(url)
			.response()
			.map((response) -> isReady(response.status().code()))
			.timeout(this.timeout)
			.onErrorReturn(false)
			.defaultIfEmpty(false);
	}

	static boolean isReady(int status) {
		return (status >= 200 && status < 300) || status == 401 || status == 403 || status == 404;
	}
}
