package dev.pulsecrm.platform.grpc;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadlines and circuit-breaker settings for calls to other services. The breaker is tuned for the low call rates
 * of service-to-service traffic: Resilience4j's default minimum of 100 calls would never trip at KPI fan-out rates.
 *
 * @param deadline             default deadline of every call
 * @param deadlines            per-dependency deadline overrides (key: dependency name, e.g. {@code sales})
 * @param failureRateThreshold percentage of counted failures that opens the breaker
 * @param slidingWindowSize    calls in the count-based window
 * @param minimumNumberOfCalls calls before the failure rate is evaluated
 * @param openStateWait        how long the breaker stays open before letting probes through
 * @param maxConcurrentCalls   bulkhead: calls to one dependency in flight at once; the next is refused at once
 * @param idempotentRetries    further attempts of an idempotent call after {@code UNAVAILABLE}
 * @param retryWait            pause before such an attempt
 */
@ConfigurationProperties("crm.grpc.resilience")
public record GrpcResilienceProperties(Duration deadline, Map<String, Duration> deadlines, Float failureRateThreshold,
		Integer slidingWindowSize, Integer minimumNumberOfCalls, Duration openStateWait, Integer maxConcurrentCalls,
		Integer idempotentRetries, Duration retryWait) {

	public GrpcResilienceProperties {
		deadline = deadline == null ? Duration.ofSeconds(3) : deadline;
		deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
		failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
		slidingWindowSize = slidingWindowSize == null ? 10 : slidingWindowSize;
		minimumNumberOfCalls = minimumNumberOfCalls == null ? 4 : minimumNumberOfCalls;
		openStateWait = openStateWait == null ? Duration.ofSeconds(5) : openStateWait;
		maxConcurrentCalls = maxConcurrentCalls == null ? 32 : maxConcurrentCalls;
		idempotentRetries = idempotentRetries == null ? 1 : idempotentRetries;
		retryWait = retryWait == null ? Duration.ofMillis(50) : retryWait;
		if (maxConcurrentCalls < 1 || idempotentRetries < 0 || retryWait.isNegative()) {
			throw new IllegalArgumentException("crm.grpc.resilience: max-concurrent-calls must be at least 1, "
					+ "idempotent-retries and retry-wait at least 0");
		}
	}

	public Duration deadlineFor(String dependency) {
		return this.deadlines.getOrDefault(dependency, this.deadline);
	}
}
