package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * How a period {@code [from, to)} is read: the days it only partly covers from the entries, and the rest from as few
 * sum documents as possible — whole years, then whole months, then days (days only when {@code daysOnly}: keys and
 * {@code since} histograms are kept on day documents alone).
 */
record PeriodPlan(List<String> sumDocuments, List<PartialDay> partialDays) {

	/** {@code [from, to)} within one day. */
	record PartialDay(LocalDate day, Instant from, Instant to) {
	}

	static PeriodPlan of(Instant from, Instant to, boolean daysOnly) {
		List<String> sums = new ArrayList<>();
		List<PartialDay> partials = new ArrayList<>();
		Instant cursor = from;
		while (cursor.isBefore(to)) {
			LocalDate day = RollupKeys.day(cursor);
			Instant dayStart = start(day);
			Instant dayEnd = start(day.plusDays(1));
			if (!cursor.equals(dayStart) || dayEnd.isAfter(to)) {
				Instant end = dayEnd.isAfter(to) ? to : dayEnd;
				partials.add(new PartialDay(day, cursor, end));
				cursor = end;
			}
			else if (!daysOnly && day.getDayOfYear() == 1 && !start(day.plusYears(1)).isAfter(to)) {
				sums.add(RollupKeys.yearDoc(day));
				cursor = start(day.plusYears(1));
			}
			else if (!daysOnly && day.getDayOfMonth() == 1 && !start(day.plusMonths(1)).isAfter(to)) {
				sums.add(RollupKeys.monthDoc(day));
				cursor = start(day.plusMonths(1));
			}
			else {
				sums.add(RollupKeys.dayDoc(day));
				cursor = dayEnd;
			}
		}
		return new PeriodPlan(sums, partials);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}
}
