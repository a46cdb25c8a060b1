package dev.pulsecrm.support.facts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.platform.rollup.Tally;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;

import org.springframework.stereotype.Component;

import static dev.pulsecrm.support.facts.TicketRollupSource.COUNT;
import static dev.pulsecrm.support.facts.TicketRollupSource.CREATED;
import static dev.pulsecrm.support.facts.TicketRollupSource.FIRST_RESPONSE;
import static dev.pulsecrm.support.facts.TicketRollupSource.MILLIS;
import static dev.pulsecrm.support.facts.TicketRollupSource.OPEN;
import static dev.pulsecrm.support.facts.TicketRollupSource.RESOLUTION;
import static dev.pulsecrm.support.facts.TicketRollupSource.TICKETS;
import static dev.pulsecrm.support.facts.TicketRollupSource.WITHIN_SLA;

/**
 * The support facts of a period {@code [from, to)}, read from the rollups that {@link TicketRollupSource} and
 * {@link SurveyRollupSource} maintain on every write, so a request costs what the days of its period cost, not what
 * the history does. The reply is the one the former scans gave (kept in the tests as the oracle):
 * <ul>
 * <li>the bounds are cut to the millisecond, the precision the records are stored at (a nanosecond {@code to}
 * behaves as the millisecond it falls in, as the scans' {@code Date} bounds did);</li>
 * <li>a group is reported when at least one record counts in it (a ticket created before {@code to}, answered,
 * resolved or created in the period, a response in the period) — rollups of groups that records left sum to 0 and
 * are not reported; the totals group always is;</li>
 * <li>records without a value for the dimension, and those with an empty one, are in the {@value FactsDimension#NONE}
 * group.</li>
 * </ul>
 */
@Component
class SupportFactsQuery {

	private final Rollups rollups;

	SupportFactsQuery(Rollups rollups) {
		this.rollups = rollups;
	}

	/** False until the rollups are built after a start: until then their numbers would be wrong. */
	boolean ready() {
		return this.rollups.ready();
	}

	List<SupportGroupFacts> facts(Instant from, Instant to, FactsDimension dimension) {
		Instant start = from.truncatedTo(ChronoUnit.MILLIS);
		Instant end = to.truncatedTo(ChronoUnit.MILLIS);
		String dim = dimension.rollupDimension();
		Rollups.Reader rollups = this.rollups.reader(TICKETS, FIRST_RESPONSE, RESOLUTION,
				SurveyRollupSource.SURVEYS);
		Map<String, GroupTotals> groups = new TreeMap<>();
		if (dimension == FactsDimension.TOTAL) {
			groups.put("", new GroupTotals()); // the totals group exists even for an empty period
		}

		// tickets opened: createdAt in period
		each(rollups.sum(TICKETS, start, end, dim), CREATED, dimension, groups,
				(totals, tally) -> totals.ticketsOpened += tally.value(CREATED));

		// backlog at `to`: created before `to` minus those resolved at `to` (the steps sum to those still open)
		each(rollups.stateAt(TICKETS, end, dim), CREATED, dimension, groups, (totals, tally) -> {
			totals.createdBeforeTo += tally.value(CREATED);
			totals.resolvedAtTo += tally.value(CREATED) - tally.value(OPEN);
		});

		// first response: tickets first answered publicly in period
		each(rollups.sum(FIRST_RESPONSE, start, end, dim), COUNT, dimension, groups, (totals, tally) -> {
			totals.firstResponseMillis += tally.value(MILLIS);
			totals.firstResponseCount += tally.value(COUNT);
		});

		// resolution: tickets FIRST resolved in period, and of those the ones resolved by their deadline
		each(rollups.sum(RESOLUTION, start, end, dim), COUNT, dimension, groups, (totals, tally) -> {
			totals.resolutionMillis += tally.value(MILLIS);
			totals.resolutionCount += tally.value(COUNT);
			totals.resolvedWithinSla += tally.value(WITHIN_SLA);
		});

		// survey scores and "how did you hear about us" answers in period
		each(rollups.sum(SurveyRollupSource.SURVEYS, start, end, dim), SurveyRollupSource.COUNT, dimension, groups,
				SupportFactsQuery::addSurveys);

		List<SupportGroupFacts> facts = new ArrayList<>();
		groups.forEach((value, totals) -> facts.add(totals
			.toProto(dimension == FactsDimension.TOTAL ? Map.of() : Map.of(dimension.label(), value))));
		return facts;
	}

	private static void addSurveys(GroupTotals totals, Tally tally) {
		tally.values().forEach((name, n) -> {
			if (n == 0) {
				return; // responses that left the group (their ticket was reassigned)
			}
			if (name.startsWith(SurveyRollupSource.SCORE)) {
				int colon = name.lastIndexOf(':');
				totals.addScores(name.substring(SurveyRollupSource.SCORE.length(), colon),
						Integer.parseInt(name.substring(colon + 1)), n);
			}
			else if (name.startsWith(SurveyRollupSource.HEARD_FROM)) {
				totals.heardFrom.merge(name.substring(SurveyRollupSource.HEARD_FROM.length()), n, Long::sum);
			}
		});
	}

	/**
	 * Adds the groups of one read in which at least one record counts ({@code present} > 0) to their totals; the
	 * empty and missing values merge into one group.
	 */
	private static void each(Map<String, Tally> read, String present, FactsDimension dimension,
			Map<String, GroupTotals> groups, BiConsumer<GroupTotals, Tally> add) {
		read.forEach((value, tally) -> {
			if (tally.value(present) > 0) {
				add.accept(groups.computeIfAbsent(dimension.group(value), (ignored) -> new GroupTotals()), tally);
			}
		});
	}
}
