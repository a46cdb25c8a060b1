package dev.pulsecrm.platform.grpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTokenTest {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	final ServiceToken tokens = new ServiceToken("a-shared-secret-of-32-characters", Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aTokenNamesTheServiceThatIssuedIt() {
		assertThat(this.tokens.verify(this.tokens.issue("kpi-service", Duration.ofMinutes(5)))).isEqualTo("kpi-service");
	}

	@Test
	void aTokenSignedWithAnotherSecretIsRefused() {
		ServiceToken other = new ServiceToken("another-secret-of-32-characters!", Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(this.tokens.verify(other.issue("kpi-service", Duration.ofMinutes(5)))).isNull();
	}

	@Test
	void anExpiredTokenIsRefused() {
		ServiceToken past = new ServiceToken("a-shared-secret-of-32-characters",
				Clock.fixed(NOW.minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
		assertThat(this.tokens.verify(past.issue("kpi-service", Duration.ofMinutes(5)))).isNull();
	}

	@Test
	void aTamperedServiceNameIsRefused() {
		String token = this.tokens.issue("kpi-service", Duration.ofMinutes(5));
		assertThat(this.tokens.verify(token.replace("kpi-service", "evil-service"))).isNull();
	}

	@Test
	void malformedTokensAreRefused() {
		assertThat(this.tokens.verify(null)).isNull();
		assertThat(this.tokens.verify("")).isNull();
		assertThat(this.tokens.verify("no-dots")).isNull();
		assertThat(this.tokens.verify("svc.notanumber.sig")).isNull();
	}
}
