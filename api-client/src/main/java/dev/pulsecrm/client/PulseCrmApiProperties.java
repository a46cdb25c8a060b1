package dev.pulsecrm.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the API is and who calls it: {@code pulsecrm.api.url} (the gateway, default http://localhost:8080) and
 * {@code pulsecrm.api.token} (a JWT sent as {@code Authorization: Bearer}; none is sent when empty).
 */
@ConfigurationProperties("pulsecrm.api")
public record PulseCrmApiProperties(String url, String token) {

	public PulseCrmApiProperties {
		url = (url == null || url.isBlank()) ? "http://localhost:8080" : url;
	}
}
