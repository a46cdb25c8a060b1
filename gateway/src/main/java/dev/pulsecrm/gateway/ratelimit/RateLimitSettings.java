package dev.pulsecrm.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-client request budget of one gateway replica: {@code burst} requests at once, refilled at
 * {@code requestsPerSecond}. A client is the token's subject, or the remote address without one.
 */
@ConfigurationProperties("crm.gateway.rate-limit")
public record RateLimitSettings(Boolean enabled, Integer requestsPerSecond, Integer burst, Integer maxClients) {

	public RateLimitSettings {
		enabled = enabled == null || enabled;
		requestsPerSecond = requestsPerSecond == null ? 100 : requestsPerSecond;
		burst = burst == null ? 200 : burst;
		maxClients = maxClients == null ? 100_000 : maxClients;
	}
}
