package dev.pulsecrm.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breaker in front of each service ({@link ServiceCircuitBreakerFilter}), tuned for gateway rates: a
 * service whose calls fail (refused, timed out, 502/503/504) in {@code failureRate}% of the last {@code window}
 * requests, after at least {@code minimumCalls}, is answered 503 by the gateway itself for {@code openWait}; then
 * {@code halfOpenCalls} requests probe it.
 *
 * @param window        requests in the count-based window
 * @param minimumCalls  requests before the failure rate counts
 * @param failureRate   percentage of failed requests that opens the breaker
 * @param openWait      how long an open breaker refuses before letting probes through
 * @param halfOpenCalls probe requests in the half-open state
 */
@ConfigurationProperties("crm.gateway.breaker")
public record ServiceBreakerSettings(Integer window, Integer minimumCalls, Float failureRate, Duration openWait,
		Integer halfOpenCalls) {

	public ServiceBreakerSettings {
		window = window == null ? 20 : window;
		minimumCalls = minimumCalls == null ? 10 : minimumCalls;
		failureRate = failureRate == null ? 50f : failureRate;
		openWait = openWait == null ? Duration.ofSeconds(2) : openWait;
		halfOpenCalls = halfOpenCalls == null ? 3 : halfOpenCalls;
		if (window < 1 || minimumCalls < 1 || failureRate <= 0 || failureRate > 100 || openWait.isNegative()
				|| openWait.isZero() || halfOpenCalls < 1) {
			throw new IllegalArgumentException("crm.gateway.breaker: window, minimum-calls and half-open-calls must "
					+ "be at least 1, failure-rate in (0, 100], open-wait positive");
		}
	}

}
