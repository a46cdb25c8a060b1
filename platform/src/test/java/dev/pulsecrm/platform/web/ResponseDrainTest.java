package dev.pulsecrm.platform.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ResponseDrainTest {

	@Test
	void stopsAfterGracefulShutdownAndBeforeTheWebServer() {
		// phases stop from the highest down; Boot stops the web server 1024 below graceful shutdown
		assertThat(ResponseDrain.PHASE).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
			.isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);
	}

	@Test
	void aContextWithoutWebServerStopsAtOnce() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			ResponseDrain drain = new ResponseDrain(context, Duration.ofHours(1));
			drain.start();
			assertThat(drain.isRunning()).isTrue();
			assertThat(drain.servesConnections()).isFalse();
			assertTimeoutPreemptively(Duration.ofSeconds(5), () -> drain.stop());
			assertThat(drain.isRunning()).isFalse();
		}
	}

	@Test
	void aNegativePauseIsRefused() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			assertThatIllegalArgumentException().isThrownBy(() -> new ResponseDrain(context, Duration.ofMillis(-1)))
				.withMessageContaining("shutdown-drain");
		}
	}

}
