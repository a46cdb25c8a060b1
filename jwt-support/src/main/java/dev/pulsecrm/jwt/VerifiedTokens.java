package dev.pulsecrm.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Tokens already verified (signature, expiry, issuer) by a decoder, kept by their exact text so a client's next
 * requests with the same token skip the RSA check and the claim parsing: a fifth of the gateway's CPU per request in a
 * profile of this machine. An entry is served until the token's {@code exp} and never longer than {@code maxAge}
 * (so a key rotated out stops being trusted within that time); a token that failed is never kept. At most
 * {@code maxEntries} tokens: a full cache drops its expired entries, or everything when none has expired.
 */
public final class VerifiedTokens {

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Duration maxAge;

	private final int maxEntries;

	private final Clock clock;

	public VerifiedTokens(Duration maxAge, int maxEntries, Clock clock) {
		if (maxAge.isNegative() || maxEntries < 0) {
			throw new IllegalArgumentException("token cache: max-age and max-entries must not be negative");
		}
		this.maxAge = maxAge;
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	/** A verified token still within its bounds, or null. */
	public Jwt get(String token) {
		Entry entry = this.entries.get(token);
		if (entry == null) {
			return null;
		}
		if (!this.clock.instant().isBefore(entry.until())) {
			this.entries.remove(token, entry);
			return null;
		}
		return entry.jwt();
	}

	/** Keeps a token its decoder accepted. */
	public void put(String token, Jwt jwt) {
		if (this.maxEntries == 0 || this.maxAge.isZero()) {
			return;
		}
		Instant now = this.clock.instant();
		Instant until = now.plus(this.maxAge);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
			until = jwt.getExpiresAt();
		}
		if (this.entries.size() >= this.maxEntries) {
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.until()));
			if (this.entries.size() >= this.maxEntries) {
				this.entries.clear();
			}
		}
		this.entries.put(token, new Entry(jwt, until));
	}

	public int size() {
		return this.entries.size();
	}

	/** {@code decoder} with this cache in front (servlet services). */
	public JwtDecoder caching(JwtDecoder decoder) {
		return (token) -> {
			Jwt known = get(token);
			if (known != null) {
				return known;
			}
			Jwt jwt = decoder.decode(token);
			put(token, jwt);
			return jwt;
		};
	}

	/** {@code decoder} with this cache in front (the reactive gateway). */
	public ReactiveJwtDecoder cachingReactive(ReactiveJwtDecoder decoder) {
		return (token) -> {
			Jwt known = get(token);
			if (known != null) {
				return Mono.just(known);
			}
			return decoder.decode(token).doOnNext((jwt) -> put(token, jwt));
		};
	}

	private record Entry(Jwt jwt, Instant until) {
	}

}
