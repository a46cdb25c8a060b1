package dev.pulsecrm.kpi.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.platform.problem.ProblemException;

/** The {@code from}/{@code to} query parameters every KPI endpoint takes, checked once. */
final class PeriodParameters {

	static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

	static final int MAX_YEARS = 5;

	private PeriodParameters() {
	}

	/**
	 * {@code [from, to)}: absent {@code to} is now, absent {@code from} is 30 days before {@code to}; from must be
	 * before to and the period at most 5 calendar years long (400 otherwise).
	 */
	static Period resolve(Instant from, Instant to, Instant now) {
		Instant end = (to != null) ? to : now.truncatedTo(ChronoUnit.MILLIS);
		Instant start = (from != null) ? from : end.minus(DEFAULT_LENGTH);
		if (!start.isBefore(end)) {
			throw ProblemException.badRequest("from", "must be before to");
		}
		if (start.atZone(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant().isBefore(end)) {
			throw ProblemException.badRequest("to", "the period must not exceed " + MAX_YEARS + " years");
		}
		return new Period(start, end);
	}
}
