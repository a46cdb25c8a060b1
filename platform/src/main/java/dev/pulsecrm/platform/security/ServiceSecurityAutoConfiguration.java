package dev.pulsecrm.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.pulsecrm.jwt.JwtDecoding;
import dev.pulsecrm.jwt.VerifiedTokens;
import dev.pulsecrm.platform.problem.FilterProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service validates the caller's JWT again and checks the department role, so a request that bypasses the
 * gateway (another pod, a misrouted ingress) gets no further. The caller it yields feeds object-level rules.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableWebSecurity
@EnableConfigurationProperties(ServiceSecuritySettings.class)
public class ServiceSecurityAutoConfiguration {

	private static final Log log = LogFactory.getLog(ServiceSecurityAutoConfiguration.class);

	static final String[] OPEN_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
			"/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/error" };

	@Bean
	SecurityFilterChain serviceSecurity(HttpSecurity http, ServiceSecuritySettings settings,
			@Value("${crm.security.jwt.cache-max-age:5m}") Duration cacheMaxAge,
			@Value("${crm.security.jwt.cache-max-entries:10000}") int cacheMaxEntries) throws Exception {
		http.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (!settings.enabled()) {
			log.warn("crm.security.jwt is not configured: this service accepts every request without a token");
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}
		String department = settings.departmentRole();
		// verified tokens are kept (never past their expiry): a client's next requests skip the signature check
		JwtDecoder decoder = jwtDecoder(settings, new VerifiedTokens(cacheMaxAge, cacheMaxEntries, Clock.systemUTC()));
		http.authorizeHttpRequests((requests) -> {
			requests.requestMatchers(OPEN_PATHS).permitAll();
			for (String adminPath : settings.adminPaths()) {
				String[] parts = adminPath.trim().split("\\s+", 2);
				requests.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).hasRole("ADMIN");
			}
			requests.requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(roles(department, "MANAGER", "ADMIN"));
			requests.requestMatchers("/api/**").hasAnyRole(roles(department, "ADMIN"));
			requests.anyRequest().denyAll();
		})
			.exceptionHandling((errors) -> errors
				.authenticationEntryPoint(
						(request, response, ex) -> FilterProblems.write(request, response, HttpStatus.UNAUTHORIZED,
								"a valid bearer token is required"))
				.accessDeniedHandler((request, response, ex) -> FilterProblems.write(request, response, HttpStatus.FORBIDDEN,
						"your role does not allow this request")))
			.oauth2ResourceServer((oauth2) -> oauth2
				.authenticationEntryPoint(
						(request, response, ex) -> FilterProblems.write(request, response, HttpStatus.UNAUTHORIZED,
								"invalid bearer token"))
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter((token) -> {
					Collection<GrantedAuthority> authorities = new ArrayList<>();
					if (token.getClaims().get(settings.jwt().rolesClaim()) instanceof Collection<?> values) {
						values.forEach((value) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + value)));
					}
					return new JwtAuthenticationToken(token, authorities, token.getSubject());
				})));
		return http.build();
	}

	/**
	 * Not a bean on purpose: a {@code JwtDecoder} bean would also switch on Spring gRPC's JWT check for the gRPC
	 * server, where services authenticate each other with {@link dev.pulsecrm.platform.grpc.ServiceToken}s instead.
	 */
	static JwtDecoder jwtDecoder(ServiceSecuritySettings settings, VerifiedTokens verified) throws Exception {
		ServiceSecuritySettings.Jwt jwt = settings.jwt();
		NimbusJwtDecoder decoder;
		if (jwt.jwkSetUri() != null) {
			decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
		}
		else if (jwt.publicKeyLocation() != null) {
			decoder = NimbusJwtDecoder.withPublicKey(JwtDecoding.publicKey(jwt.publicKeyLocation())).build();
		}
		else {
			return verified.caching(JwtDecoders.fromIssuerLocation(jwt.issuerUri()));
		}
		decoder.setJwtValidator(JwtDecoding.validator(jwt.issuer()));
		return verified.caching(decoder);
	}

	/** The caller from the validated token; requests without one (gRPC, jobs) act as the system. */
	@Bean
	@ConditionalOnMissingBean
	CallerProvider jwtCallerProvider(ServiceSecuritySettings settings) {
		return () -> {
			if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
				Set<String> roles = token.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.map((authority) -> authority.substring("ROLE_".length()))
					.collect(Collectors.toUnmodifiableSet());
				return new Caller(token.getToken().getSubject(),
						token.getToken().getClaimAsString(settings.jwt().teamClaim()), roles);
			}
			return Caller.SYSTEM;
		};
	}

	private static String[] roles(String... roles) {
		return java.util.Arrays.stream(roles).filter((role) -> role != null && !role.isBlank()).distinct().toArray(String[]::new);
	}

}
