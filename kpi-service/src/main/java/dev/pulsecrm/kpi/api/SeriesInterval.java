package dev.pulsecrm.kpi.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.platform.problem.ProblemException;

/** The bucket length of a series: a day, a week (7 days) or a calendar month (UTC), counted from {@code from}. */
enum SeriesInterval {

	DAY, WEEK, MONTH;

	static SeriesInterval parse(String interval) {
		try {
			return valueOf(interval.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("interval", "must be day, week or month");
		}
	}

	/** The buckets covering {@code period}; the last one ends at {@code to}. 400 when more than {@code max}. */
	List<Period> buckets(Period period, int max) {
		List<Period> buckets = new ArrayList<>();
		Instant start = period.from();
		while (start.isBefore(period.to())) {
			if (buckets.size() == max) {
				throw ProblemException.badRequest("interval",
						"the period has more than " + max + " " + name().toLowerCase(Locale.ROOT)
								+ " buckets; choose a longer interval or a shorter period");
			}
			Instant end = next(start);
			if (end.isAfter(period.to())) {
				end = period.to();
			}
			buckets.add(new Period(start, end));
			start = end;
		}
		return buckets;
	}

	private Instant next(Instant start) {
		return switch (this) {
			case DAY -> start.atZone(ZoneOffset.UTC).plusDays(1).toInstant();
			case WEEK -> start.atZone(ZoneOffset.UTC).plusWeeks(1).toInstant();
			case MONTH -> start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
		};
	}
}
