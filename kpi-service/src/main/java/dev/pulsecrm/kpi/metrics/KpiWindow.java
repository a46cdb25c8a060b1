package dev.pulsecrm.kpi.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.pulsecrm.kpi.facts.Period;

/** The fixed windows refreshed for Prometheus (label {@code window}), each ending now. */
enum KpiWindow {

	LAST_7_DAYS("7d"), LAST_30_DAYS("30d"), LAST_90_DAYS("90d"), MONTH_TO_DATE("mtd"), QUARTER_TO_DATE("qtd");

	private final String label;

	KpiWindow(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	/** The window ending at {@code now}; empty at the very first instant of a month or quarter. */
	Optional<Period> endingAt(Instant now) {
		Instant start = start(now);
		return start.isBefore(now) ? Optional.of(new Period(start, now)) : Optional.empty();
	}

	Instant start(Instant now) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		return switch (this) {
			case LAST_7_DAYS -> now.minus(7, ChronoUnit.DAYS);
			case LAST_30_DAYS -> now.minus(30, ChronoUnit.DAYS);
			case LAST_90_DAYS -> now.minus(90, ChronoUnit.DAYS);
			case MONTH_TO_DATE -> today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			case QUARTER_TO_DATE -> today.withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1)
				.withDayOfMonth(1)
				.atStartOfDay(ZoneOffset.UTC)
				.toInstant();
		};
	}
}
