package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a period {@code [from, to)} is read: the seconds of the minutes it only partly covers from the entries, and the
 * rest from as few sum documents as possible — whole years, months, days, hours, minutes ({@code fineOnly}: days,
 * hours and minutes only, as keys and {@code since} histograms are kept on those alone).
 */
record PeriodPlan(List<String> sumDocuments, List<PartialSecond> partialSeconds) {

	/** {@code [from, to)} within the second {@code second} (an entries document's bucket). */
	record PartialSecond(String second, Instant from, Instant to) {
	}

	static PeriodPlan of(Instant from, Instant to, boolean fineOnly) {
		List<String> sums = new ArrayList<>();
		List<PartialSecond> partials = new ArrayList<>();
		Instant cursor = from;
		while (cursor.isBefore(to)) {
			LocalDate day = RollupKeys.day(cursor);
			Instant dayStart = start(day);
			Instant dayEnd = start(day.plusDays(1));
			if (cursor.equals(dayStart) && !dayEnd.isAfter(to)) {
				if (!fineOnly && day.getDayOfYear() == 1 && !start(day.plusYears(1)).isAfter(to)) {
					sums.add(RollupKeys.yearDoc(day));
					cursor = start(day.plusYears(1));
				}
				else if (!fineOnly && day.getDayOfMonth() == 1 && !start(day.plusMonths(1)).isAfter(to)) {
					sums.add(RollupKeys.monthDoc(day));
					cursor = start(day.plusMonths(1));
				}
				else {
					sums.add(RollupKeys.dayDoc(day));
					cursor = dayEnd;
				}
				continue;
			}
			Instant hourStart = cursor.truncatedTo(ChronoUnit.HOURS);
			Instant hourEnd = hourStart.plus(1, ChronoUnit.HOURS);
			if (cursor.equals(hourStart) && !hourEnd.isAfter(to)) {
				sums.add(RollupKeys.hourDoc(hourStart));
				cursor = hourEnd;
				continue;
			}
			Instant minuteStart = cursor.truncatedTo(ChronoUnit.MINUTES);
			Instant minuteEnd = minuteStart.plus(1, ChronoUnit.MINUTES);
			if (cursor.equals(minuteStart) && !minuteEnd.isAfter(to)) {
				sums.add(RollupKeys.minuteDoc(minuteStart));
				cursor = minuteEnd;
				continue;
			}
			// a partial minute: the entries of each of its seconds
			Instant secondEnd = cursor.truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.SECONDS);
			Instant end = secondEnd.isAfter(to) ? to : secondEnd;
			partials.add(new PartialSecond(RollupKeys.second(cursor), cursor, end));
			cursor = end;
		}
		return new PeriodPlan(sums, partials);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}
}
