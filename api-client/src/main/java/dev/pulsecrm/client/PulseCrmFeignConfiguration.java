package dev.pulsecrm.client;

import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;

import org.springframework.cloud.openfeign.FeignFormatterRegistrar;
import org.springframework.context.annotation.Bean;
import org.springframework.format.datetime.standard.DateTimeFormatterRegistrar;

/**
 * The per-client Feign configuration of the Pulse CRM clients (named in each {@code @FeignClient}, so it applies to
 * them only, never to the application's other Feign clients). Deliberately not a {@code @Configuration}: a component
 * scan must not turn it into a global one.
 */
public class PulseCrmFeignConfiguration {

	@Bean
	RequestInterceptor pulseCrmRequestInterceptor(PulseCrmApiProperties properties) {
		return new PulseCrmRequestInterceptor(properties);
	}

	@Bean
	ErrorDecoder pulseCrmErrorDecoder() {
		return new ProblemErrorDecoder();
	}

	/** Dates and instants in query strings as ISO-8601 (2026-03-01, 2026-03-01T09:30:00Z), not the JVM's locale style. */
	@Bean
	FeignFormatterRegistrar pulseCrmIsoDates() {
		return (registry) -> {
			DateTimeFormatterRegistrar registrar = new DateTimeFormatterRegistrar();
			registrar.setUseIsoFormat(true);
			registrar.registerFormatters(registry);
		};
	}
}
