package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a period {@code [from, to)} is read: the 10-minute blocks it only partly covers from the entries, and the rest
 * from as few sum documents as possible — whole years, months, days, hours, 10-minute blocks ({@code fineOnly}: days,
 * hours and blocks only, as {@code since} histograms are kept on those alone). At most 2 × (23 hours + 5
 * blocks + 1 partial block) documents besides the days, months and years.
 */
record PeriodPlan(List<String> sumDocuments, List<PartialBlock> partialBlocks) {

	/** {@code [from, to)} within the 10-minute block {@code block} (an entries document's bucket). */
	record PartialBlock(String block, Instant from, Instant to) {
	}

	static PeriodPlan of(Instant from, Instant to, boolean fineOnly) {
		List<String> sums = new ArrayList<>();
		List<PartialBlock> partials = new ArrayList<>();
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
			Instant blockStart = RollupKeys.blockStart(cursor);
			Instant blockEnd = blockStart.plus(RollupKeys.BLOCK_MINUTES, ChronoUnit.MINUTES);
			if (cursor.equals(blockStart) && !blockEnd.isAfter(to)) {
				sums.add(RollupKeys.blockDoc(blockStart));
				cursor = blockEnd;
				continue;
			}
			// a partial block: its entries, filtered by instant
			Instant end = blockEnd.isAfter(to) ? to : blockEnd;
			partials.add(new PartialBlock(RollupKeys.block(cursor), cursor, end));
			cursor = end;
		}
		return new PeriodPlan(sums, partials);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}
}
