package dev.pulsecrm.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway keeps dead replicas out of rotation ({@link ReplicaHealth}): an ejected replica is probed every
 * {@code probeInterval} (each probe given {@code probeTimeout}) once it has been out for {@code ejectionTime}, at
 * {@code probePath} on its own base URL.
 */
@ConfigurationProperties("crm.gateway.health")
public record ReplicaHealthSettings(Duration probeInterval, Duration probeTimeout, Duration ejectionTime,
		String probePath) {

	public ReplicaHealthSettings {
		probeInterval = probeInterval == null ? Duration.ofSeconds(1) : probeInterval;
		probeTimeout = probeTimeout == null ? Duration.ofMillis(500) : probeTimeout;
		ejectionTime = ejectionTime == null ? Duration.ofSeconds(1) : ejectionTime;
		probePath = probePath == null || probePath.isBlank() ? "/actuator/health/readiness" : probePath;
		if (probeInterval.isNegative() || probeInterval.isZero()) {
			throw new IllegalArgumentException("crm.gateway.health.probe-interval must be positive");
		}
		if (probeTimeout.isNegative() || probeTimeout.isZero()) {
			throw new IllegalArgumentException("crm.gateway.health.probe-timeout must be positive");
		}
		if (ejectionTime.isNegative()) {
			throw new IllegalArgumentException("crm.gateway.health.ejection-time must not be negative");
		}
		if (!probePath.startsWith("/")) {
			throw new IllegalArgumentException("crm.gateway.health.probe-path must start with /");
		}
	}
}
