package dev.pulsecrm.jwt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VerifiedTokensTest {

	static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	final MutableClock clock = new MutableClock(NOW);

	final AtomicInteger decoded = new AtomicInteger();

	/** Accepts "good-…" tokens expiring 10 minutes from now; refuses anything else. */
	final JwtDecoder decoder = (token) -> {
		this.decoded.incrementAndGet();
		if (!token.startsWith("good")) {
			throw new BadJwtException("bad signature");
		}
		return jwt(token, this.clock.instant().plus(Duration.ofMinutes(10)));
	};

	@Test
	void aVerifiedTokenIsDecodedOnceAndServedUntilMaxAge() {
		VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(5), 100, this.clock);
		JwtDecoder caching = tokens.caching(this.decoder);
		Jwt first = caching.decode("good-1");
		assertThat(caching.decode("good-1")).isSameAs(first);
		assertThat(this.decoded).hasValue(1);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(caching.decode("good-1")).isNotSameAs(first);
		assertThat(this.decoded).hasValue(2);
	}

	@Test
	void aTokenIsNeverServedPastItsExpiry() {
		VerifiedTokens tokens = new VerifiedTokens(Duration.ofHours(1), 100, this.clock);
		tokens.put("short", jwt("short", NOW.plusSeconds(30)));
		assertThat(tokens.get("short")).isNotNull();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(tokens.get("short")).isNull();
		assertThat(tokens.size()).isZero();
	}

	@Test
	void aRefusedTokenIsNotKeptSoEveryAttemptIsVerified() {
		JwtDecoder caching = new VerifiedTokens(Duration.ofMinutes(5), 100, this.clock).caching(this.decoder);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> caching.decode("forged"));
		}
		assertThat(this.decoded).hasValue(3);
	}

	@Test
	void theReactiveDecoderIsCachedTheSameWay() {
		VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(5), 100, this.clock);
		ReactiveJwtDecoder reactive = (token) -> Mono.fromCallable(() -> this.decoder.decode(token));
		ReactiveJwtDecoder caching = tokens.cachingReactive(reactive);
		Jwt first = caching.decode("good-r").block();
		assertThat(caching.decode("good-r").block()).isSameAs(first);
		assertThat(this.decoded).hasValue(1);
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> caching.decode("forged").block());
		assertThat(tokens.size()).isEqualTo(1);
	}

	@Test
	void aFullCacheDropsExpiredEntriesFirstAndNeverGrowsBeyondItsBound() {
		VerifiedTokens tokens = new VerifiedTokens(Duration.ofMinutes(5), 3, this.clock);
		tokens.put("a", jwt("a", NOW.plusSeconds(10)));
		tokens.put("b", jwt("b", NOW.plusSeconds(600)));
		tokens.put("c", jwt("c", NOW.plusSeconds(600)));
		this.clock.advance(Duration.ofSeconds(10));
		tokens.put("d", jwt("d", this.clock.instant().plusSeconds(600)));
		assertThat(tokens.get("b")).isNotNull();
		assertThat(tokens.get("d")).isNotNull();
		assertThat(tokens.size()).isEqualTo(3);
		tokens.put("e", jwt("e", this.clock.instant().plusSeconds(600)));
		assertThat(tokens.size()).isLessThanOrEqualTo(3);
		assertThat(tokens.get("e")).isNotNull();
	}

	@Test
	void zeroTurnsTheCacheOffAndNegativeSettingsAreRefused() {
		JwtDecoder caching = new VerifiedTokens(Duration.ZERO, 100, this.clock).caching(this.decoder);
		caching.decode("good-0");
		caching.decode("good-0");
		assertThat(this.decoded).hasValue(2);
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedTokens(Duration.ofSeconds(-1), 1, this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifiedTokens(Duration.ofSeconds(1), -1, this.clock));
	}

	@Test
	void readsAPemPublicKeyAndValidatesIssuerAndExpiry(@TempDir Path dir) throws Exception {
		var keys = KeyPairGenerator.getInstance("RSA");
		keys.initialize(2048);
		var pair = keys.generateKeyPair();
		Path pem = dir.resolve("key.pem");
		Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		assertThat(JwtDecoding.publicKey("file:" + pem).getModulus())
			.isEqualTo(((java.security.interfaces.RSAPublicKey) pair.getPublic()).getModulus());

		var validator = JwtDecoding.validator("pulse");
		Jwt fromPulse = Jwt.withTokenValue("t").header("alg", "RS256").issuer("pulse")
			.expiresAt(Instant.now().plusSeconds(60)).build();
		Jwt fromElsewhere = Jwt.withTokenValue("t").header("alg", "RS256").issuer("other")
			.expiresAt(Instant.now().plusSeconds(60)).build();
		Jwt expired = Jwt.withTokenValue("t").header("alg", "RS256").issuer("pulse")
			.issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).build();
		assertThat(validator.validate(fromPulse).hasErrors()).isFalse();
		assertThat(validator.validate(fromElsewhere).hasErrors()).isTrue();
		assertThat(validator.validate(expired).hasErrors()).isTrue();
	}

	static Jwt jwt(String token, Instant expiresAt) {
		return new Jwt(token, expiresAt.minusSeconds(60), expiresAt, Map.of("alg", "RS256"), Map.of("sub", "ann"));
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
