package dev.pulsecrm.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventTimeTest {

	final Clock clock = Clock.fixed(Instant.parse("2026-05-01T10:00:00.123456Z"), ZoneOffset.UTC);

	@Test
	void withoutAnInstantTheClockIsUsedAtMillisecondPrecision() {
		assertThat(EventTime.pastOrNow("at", null, this.clock)).isEqualTo(Instant.parse("2026-05-01T10:00:00.123Z"));
	}

	@Test
	void aPastInstantIsKeptForHistoryImports() {
		assertThat(EventTime.pastOrNow("at", Instant.parse("2020-01-01T00:00:00Z"), this.clock))
			.isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
	}

	@Test
	void aFutureInstantIsRefused() {
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> EventTime.pastOrNow("at", Instant.parse("2026-05-01T10:00:01Z"), this.clock))
			.matches((ex) -> ex.status().value() == 422);
	}
}
