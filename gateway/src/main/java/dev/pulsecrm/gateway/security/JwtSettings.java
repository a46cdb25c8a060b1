package dev.pulsecrm.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from and what they carry. One of {@code jwkSetUri} (an OIDC provider's key set),
 * {@code issuerUri} alone (keys discovered from the issuer) or {@code publicKeyLocation} (a PEM file: the local run's
 * generated development key) names the keys; {@code issuer} is the {@code iss} every token must carry (defaults to
 * {@code issuerUri}).
 */
@ConfigurationProperties("crm.security.jwt")
public record JwtSettings(String issuerUri, String jwkSetUri, String publicKeyLocation, String issuer,
		String rolesClaim, String teamClaim) {

	public JwtSettings {
		issuerUri = blankToNull(issuerUri);
		jwkSetUri = blankToNull(jwkSetUri);
		publicKeyLocation = blankToNull(publicKeyLocation);
		issuer = blankToNull(issuer) != null ? issuer : issuerUri;
		rolesClaim = blankToNull(rolesClaim) != null ? rolesClaim : "roles";
		teamClaim = blankToNull(teamClaim) != null ? teamClaim : "team";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}
}
