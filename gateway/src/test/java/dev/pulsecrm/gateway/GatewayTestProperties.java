package dev.pulsecrm.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The gateway under test routes to {@link EchoBackend}, except KPIs, which point at a closed port (a service down). */
final class GatewayTestProperties {

	private GatewayTestProperties() {
	}

	static void register(DynamicPropertyRegistry registry) {
		registry.add("crm.security.jwt.public-key-location", () -> "file:" + TestTokens.PUBLIC_KEY);
		registry.add("crm.security.jwt.issuer", () -> TestTokens.ISSUER);
		registry.add("SALES_URL", EchoBackend::url);
		registry.add("MARKETING_URL", EchoBackend::url);
		registry.add("SUPPORT_URL", EchoBackend::url);
		registry.add("KPI_URL", EchoBackend::url);
	}
}
