package dev.pulsecrm.kpi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;

import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

class SeriesIntervalTest {

	private static Period period(String from, String to) {
		return new Period(Instant.parse(from), Instant.parse(to));
	}

	@Test
	void monthsAreCalendarMonthsAndTheLastBucketEndsAtTo() {
		assertThat(SeriesInterval.MONTH.buckets(period("2026-01-01T00:00:00Z", "2026-03-10T00:00:00Z"), 400))
			.containsExactly(period("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
					period("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"),
					period("2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z"));
	}

	@Test
	void daysCoverThePeriodWithoutGapsOrOverlap() {
		assertThat(SeriesInterval.DAY.buckets(period("2026-01-01T12:00:00Z", "2026-01-03T00:00:00Z"), 400))
			.containsExactly(period("2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z"),
					period("2026-01-02T12:00:00Z", "2026-01-03T00:00:00Z"));
	}

	@Test
	void exactlyTheCapIsAllowedAndOneMoreIsRefused() {
		assertThat(SeriesInterval.DAY.buckets(period("2026-01-01T00:00:00Z", "2026-01-11T00:00:00Z"), 10)).hasSize(10);
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> SeriesInterval.DAY.buckets(period("2026-01-01T00:00:00Z", "2026-01-11T00:00:01Z"), 10))
			.withMessageContaining("more than 10");
	}

	@Test
	void intervalNamesAreCaseInsensitive() {
		assertThat(SeriesInterval.parse("Week")).isEqualTo(SeriesInterval.WEEK);
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> SeriesInterval.parse("hour"));
	}
}
