package dev.pulsecrm.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceCircuitBreakerFilterTest {

	@Test
	void onlyUnreachableOrSilentServicesCountAsFailures() {
		assertThat(ServiceCircuitBreakerFilter.isUnavailable(new ConnectException("refused"))).isTrue();
		assertThat(ServiceCircuitBreakerFilter.isUnavailable(new RuntimeException(new IOException("reset")))).isTrue();
		assertThat(ServiceCircuitBreakerFilter.isUnavailable(new TimeoutException())).isTrue();
		assertThat(ServiceCircuitBreakerFilter
			.isUnavailable(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Unable to find instance")))
			.isTrue();
		assertThat(ServiceCircuitBreakerFilter.isUnavailable(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)))
			.isTrue();
		assertThat(ServiceCircuitBreakerFilter.isUnavailable(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.isFalse();
		assertThat(ServiceCircuitBreakerFilter.isUnavailable(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void settingsHaveGatewayDefaultsAndRefuseNonsense() {
		ServiceBreakerSettings defaults = new ServiceBreakerSettings(null, null, null, null, null);
		assertThat(defaults.window()).isEqualTo(20);
		assertThat(defaults.minimumCalls()).isEqualTo(10);
		assertThat(defaults.openWait()).isEqualTo(Duration.ofSeconds(2));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceBreakerSettings(0, null, null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceBreakerSettings(null, null, 120f, null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServiceBreakerSettings(null, null, null, Duration.ZERO, null))
			.withMessageContaining("crm.gateway.breaker");
	}

}
