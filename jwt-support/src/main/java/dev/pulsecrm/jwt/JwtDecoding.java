package dev.pulsecrm.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** What the gateway and every service check of a token, and where a local key comes from. */
public final class JwtDecoding {

	private JwtDecoding() {
	}

	/** Expiry and not-before (60 s skew), and the {@code iss} claim when {@code issuer} is set. */
	public static OAuth2TokenValidator<Jwt> validator(String issuer) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator());
		if (issuer != null) {
			validators.add(new JwtIssuerValidator(issuer));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	/** An RSA public key from a PEM file ({@code file:…} or {@code classpath:…}): the local run's development key. */
	public static RSAPublicKey publicKey(String location) throws IOException, GeneralSecurityException {
		try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
			String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
	}

}
