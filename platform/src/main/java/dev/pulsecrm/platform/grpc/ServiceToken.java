package dev.pulsecrm.platform.grpc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived service-to-service tokens for gRPC, signed with a secret shared by the platform's services (a
 * Kubernetes Secret; {@code ./crm up} generates one): {@code <service>.<expiry epoch s>.<HMAC-SHA256>}. A pod without
 * the secret cannot call a service's gRPC API.
 */
public final class ServiceToken {

	private final byte[] secret;

	private final Clock clock;

	public ServiceToken(String secret, Clock clock) {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
	}

	public String issue(String service, Duration lifetime) {
		long expiry = this.clock.instant().plus(lifetime).getEpochSecond();
		String payload = service + "." + expiry;
		return payload + "." + sign(payload);
	}

	/** The calling service's name, or null when the token is malformed, forged or expired. */
	public String verify(String token) {
		if (token == null) {
			return null;
		}
		int last = token.lastIndexOf('.');
		int middle = last > 0 ? token.lastIndexOf('.', last - 1) : -1;
		if (middle <= 0) {
			return null;
		}
		String payload = token.substring(0, last);
		byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
			return null;
		}
		long expiry;
		try {
			expiry = Long.parseLong(token.substring(middle + 1, last));
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return expiry >= this.clock.instant().getEpochSecond() ? token.substring(0, middle) : null;
	}

	private String sign(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}
}
