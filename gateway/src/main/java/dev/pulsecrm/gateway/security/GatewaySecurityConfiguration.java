package dev.pulsecrm.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.pulsecrm.gateway.problem.ProblemResponses;
import dev.pulsecrm.jwt.JwtDecoding;
import dev.pulsecrm.jwt.VerifiedTokens;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;

/**
 * Who may reach which route. Department roles reach their own service; {@code MANAGER} reads everything and the
 * KPIs; configuration writes and audit logs need {@code ADMIN}; the gateway's own actuator serves only health.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(JwtSettings.class)
class GatewaySecurityConfiguration {

	static final String ADMIN = "ADMIN";

	static final String MANAGER = "MANAGER";

	/**
	 * The management port (Kubernetes: probes and Prometheus only, by NetworkPolicy) serves the actuator; the public
	 * port never does, beyond health.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnProperty(name = "management.server.port")
	SecurityWebFilterChain managementSecurity(ServerHttpSecurity http, ManagementPort managementPort) {
		return http.securityMatcher((exchange) -> {
			var local = exchange.getRequest().getLocalAddress();
			boolean onManagementPort = local != null && managementPort.is(local.getPort())
					&& exchange.getRequest().getPath().value().startsWith("/actuator");
			return onManagementPort ? ServerWebExchangeMatcher.MatchResult.match()
					: ServerWebExchangeMatcher.MatchResult.notMatch();
		})
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.authorizeExchange((routes) -> routes.anyExchange().permitAll())
			.build();
	}

	@Bean
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, JwtSettings settings) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.cors(org.springframework.security.config.Customizer.withDefaults())
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy((referrer) -> referrer
					.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
			.authorizeExchange((routes) -> routes
				.pathMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
				.pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.pathMatchers("/actuator/**").denyAll()
				// configuration and audit: administrators only
				.pathMatchers(HttpMethod.PUT, "/api/sales/pipeline", "/api/marketing/scoring-rules",
						"/api/support/sla-policies", "/api/kpis/targets", "/api/kpis/targets/**")
				.hasRole(ADMIN)
				.pathMatchers("/api/*/audit", "/api/*/audit/**").hasRole(ADMIN)
				.pathMatchers(HttpMethod.GET, "/api/kpis", "/api/kpis/**").hasAnyRole(MANAGER, ADMIN)
				.pathMatchers("/api/kpis", "/api/kpis/**").hasRole(ADMIN)
				.pathMatchers(HttpMethod.GET, "/api/docs", "/api/docs/**").authenticated()
				.pathMatchers(HttpMethod.GET, "/api/sales/**").hasAnyRole("SALES", MANAGER, ADMIN)
				.pathMatchers("/api/sales/**").hasAnyRole("SALES", ADMIN)
				.pathMatchers(HttpMethod.GET, "/api/marketing/**").hasAnyRole("MARKETING", MANAGER, ADMIN)
				.pathMatchers("/api/marketing/**").hasAnyRole("MARKETING", ADMIN)
				.pathMatchers(HttpMethod.GET, "/api/support/**").hasAnyRole("SUPPORT", MANAGER, ADMIN)
				.pathMatchers("/api/support/**").hasAnyRole("SUPPORT", ADMIN)
				.anyExchange().denyAll())
			.exceptionHandling((errors) -> errors
				.authenticationEntryPoint((exchange, ex) -> ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED,
						"a valid bearer token is required"))
				.accessDeniedHandler((exchange, ex) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN,
						"your role does not allow this request")))
			.oauth2ResourceServer((oauth2) -> oauth2
				.authenticationEntryPoint((exchange, ex) -> ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED,
						"invalid bearer token"))
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(roles(settings))));
		return http.build();
	}

	/**
	 * Requests the security firewall refuses (an encoded slash, backslash or dot segment in the path: traversal
	 * attempts such as {@code /api/sales/deals/..%2F..%2Factuator}) get a problem body, not an empty 400.
	 */
	@Bean
	ServerExchangeRejectedHandler problemExchangeRejectedHandler() {
		return (exchange, ex) -> ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST,
				"the request path holds an encoded slash or backslash, a dot segment or a semicolon, which are not allowed");
	}

	/**
	 * Verified tokens are kept ({@link VerifiedTokens}) for {@code crm.security.jwt.cache-max-age} (default 5m, never
	 * past their expiry): the signature check was a fifth of the gateway's CPU per request.
	 */
	@Bean
	ReactiveJwtDecoder jwtDecoder(JwtSettings settings,
			@Value("${crm.security.jwt.cache-max-age:5m}") Duration cacheMaxAge,
			@Value("${crm.security.jwt.cache-max-entries:10000}") int cacheMaxEntries) throws Exception {
		VerifiedTokens verified = new VerifiedTokens(cacheMaxAge, cacheMaxEntries, Clock.systemUTC());
		NimbusReactiveJwtDecoder decoder;
		if (settings.jwkSetUri() != null) {
			decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
		}
		else if (settings.publicKeyLocation() != null) {
			decoder = NimbusReactiveJwtDecoder.withPublicKey(JwtDecoding.publicKey(settings.publicKeyLocation())).build();
		}
		else if (settings.issuerUri() != null) {
			return verified.cachingReactive(ReactiveJwtDecoders.fromIssuerLocation(settings.issuerUri()));
		}
		else {
			throw new IllegalStateException("crm.security.jwt: set jwk-set-uri, issuer-uri or public-key-location "
					+ "(./crm up generates a development key)");
		}
		decoder.setJwtValidator(JwtDecoding.validator(settings.issuer()));
		return verified.cachingReactive(decoder);
	}

	/** Roles come from a configurable claim (a list of strings) and become {@code ROLE_*} authorities. */
	static Converter<Jwt, Mono<AbstractAuthenticationToken>> roles(JwtSettings settings) {
		Converter<Jwt, AbstractAuthenticationToken> converter = (jwt) -> {
			Collection<GrantedAuthority> authorities = new ArrayList<>();
			Object claim = jwt.getClaims().get(settings.rolesClaim());
			if (claim instanceof Collection<?> values) {
				for (Object value : values) {
					authorities.add(new SimpleGrantedAuthority("ROLE_" + value));
				}
			}
			return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		};
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}
}
