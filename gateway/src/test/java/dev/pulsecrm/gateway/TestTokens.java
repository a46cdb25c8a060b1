package dev.pulsecrm.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs test JWTs with a key generated per run; the gateway trusts its public half. */
final class TestTokens {

	static final String ISSUER = "https://idp.test/realms/crm";

	static final KeyPair KEYS = generate();

	static final KeyPair OTHER_KEYS = generate();

	static final Path PUBLIC_KEY = writePublicKey();

	private TestTokens() {
	}

	static String token(String user, String team, String... roles) {
		return sign(KEYS, ISSUER, user, team, Instant.now().plus(Duration.ofMinutes(10)), roles);
	}

	static String expired(String role) {
		return sign(KEYS, ISSUER, "late", null, Instant.now().minus(Duration.ofMinutes(10)), role);
	}

	static String wrongIssuer(String role) {
		return sign(KEYS, "https://evil.test", "mallory", null, Instant.now().plus(Duration.ofMinutes(10)), role);
	}

	static String badSignature(String role) {
		return sign(OTHER_KEYS, ISSUER, "mallory", null, Instant.now().plus(Duration.ofMinutes(10)), role);
	}

	static String sign(KeyPair keys, String issuer, String user, String team, Instant expiry, String... roles) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(user)
			.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
			.expirationTime(Date.from(expiry))
			.claim("roles", List.of(roles));
		if (team != null) {
			claims.claim("team", team);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path writePublicKey() {
		try {
			Path file = Files.createTempFile("gateway-test-jwt", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
