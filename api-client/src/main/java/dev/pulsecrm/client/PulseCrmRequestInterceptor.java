package dev.pulsecrm.client;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Adds the bearer token to every call and the caller's {@link IdempotencyKey} to POSTs. */
public class PulseCrmRequestInterceptor implements RequestInterceptor {

	private final PulseCrmApiProperties properties;

	public PulseCrmRequestInterceptor(PulseCrmApiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void apply(RequestTemplate template) {
		String token = this.properties.token();
		if (token != null && !token.isBlank()) {
			template.header("Authorization", "Bearer " + token.trim());
		}
		String key = IdempotencyKey.current();
		if (key != null && "POST".equals(template.method())) {
			template.header(IdempotencyKey.HEADER, key);
		}
	}
}
