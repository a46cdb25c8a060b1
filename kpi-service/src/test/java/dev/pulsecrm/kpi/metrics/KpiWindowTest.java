package dev.pulsecrm.kpi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.pulsecrm.kpi.facts.Period;
import org.junit.jupiter.api.Test;

class KpiWindowTest {

	private static final Instant NOW = Instant.parse("2026-05-20T08:30:00Z");

	@Test
	void rollingWindowsEndNow() {
		assertThat(KpiWindow.LAST_7_DAYS.endingAt(NOW))
			.contains(new Period(Instant.parse("2026-05-13T08:30:00Z"), NOW));
		assertThat(KpiWindow.LAST_90_DAYS.endingAt(NOW))
			.contains(new Period(Instant.parse("2026-02-19T08:30:00Z"), NOW));
	}

	@Test
	void monthAndQuarterToDateStartAtMidnightUtcOnTheFirst() {
		assertThat(KpiWindow.MONTH_TO_DATE.start(NOW)).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
		assertThat(KpiWindow.QUARTER_TO_DATE.start(NOW)).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
		assertThat(KpiWindow.QUARTER_TO_DATE.start(Instant.parse("2026-12-31T23:59:59Z")))
			.isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
	}

	@Test
	void aToDateWindowIsEmptyAtItsFirstInstant() {
		assertThat(KpiWindow.MONTH_TO_DATE.endingAt(Instant.parse("2026-05-01T00:00:00Z"))).isEmpty();
		assertThat(KpiWindow.QUARTER_TO_DATE.endingAt(Instant.parse("2026-05-01T00:00:00Z"))).isPresent();
	}

	@Test
	void labelsAreTheDashboardsWindowNames() {
		assertThat(KpiWindow.values()).extracting(KpiWindow::label).containsExactly("7d", "30d", "90d", "mtd", "qtd");
	}
}
