package dev.pulsecrm.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JWT validation inside a service (defence in depth behind the gateway). Security is on as soon as one key source is
 * set ({@code jwk-set-uri}, {@code issuer-uri} or {@code public-key-location}); with none, the service trusts every
 * caller (a single service under test) and logs that it does.
 *
 * @param departmentRole the role whose holders may use this service ({@code SALES}, …); MANAGER reads, ADMIN does
 * anything
 * @param adminPaths     requests only ADMIN may make, as {@code "PUT /api/sales/pipeline"}
 */
@ConfigurationProperties("crm.security")
public record ServiceSecuritySettings(Jwt jwt, String departmentRole, List<String> adminPaths) {

	public ServiceSecuritySettings {
		jwt = jwt == null ? new Jwt(null, null, null, null, null, null) : jwt;
		adminPaths = adminPaths == null ? List.of() : List.copyOf(adminPaths);
	}

	public boolean enabled() {
		return this.jwt.jwkSetUri() != null || this.jwt.issuerUri() != null || this.jwt.publicKeyLocation() != null;
	}

	public record Jwt(String issuerUri, String jwkSetUri, String publicKeyLocation, String issuer, String rolesClaim,
			String teamClaim) {

		public Jwt {
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
}
