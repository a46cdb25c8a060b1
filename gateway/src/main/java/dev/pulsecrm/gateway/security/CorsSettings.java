package dev.pulsecrm.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Browser origins allowed to call the API (none by default: department apps call server-to-server). */
@ConfigurationProperties("crm.gateway.cors")
public record CorsSettings(List<String> allowedOrigins, Duration maxAge) {

	public CorsSettings {
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
		maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
	}
}
