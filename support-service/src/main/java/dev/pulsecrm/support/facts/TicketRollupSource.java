package dev.pulsecrm.support.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * What a stored ticket adds to the support rollups, with the semantics the scans had (see the scan oracle in the
 * tests): only fields stored as dates count, a missing duration sums as 0, and every contribution carries the
 * ticket's priority, channel, category and team ({@link FactsDimension#rollupDims}).
 * <ul>
 * <li>{@value #TICKETS}: {@value #CREATED} = 1 at {@code createdAt} (tickets opened in a period; created before
 * {@code to} in a state read), and {@value #OPEN}, the backlog as +1/−1 steps (below);</li>
 * <li>{@value #FIRST_RESPONSE}: at {@code firstResponseAt}, {@value #COUNT} = 1 and {@value #MILLIS} =
 * {@code firstResponseMillis};</li>
 * <li>{@value #RESOLUTION}: at {@code resolvedAt} (the FIRST resolution, kept across reopens), {@value #COUNT},
 * {@value #MILLIS} = {@code resolutionMillis} and {@value #WITHIN_SLA} = 1 when {@code resolutionLate} is
 * false.</li>
 * </ul>
 * The backlog at {@code t} is "created before {@code t}, and the {@code resolvedDelta} (+1 resolve, −1 reopen) of
 * its history events before {@code t} does not sum to more than 0" — read from the history, not from
 * {@code resolvedAt} (the first resolution) nor the status, so a reopened ticket is back in the backlog from its
 * reopen on and leaves it at its next resolve. That is a step function of {@code t} changing only at
 * {@code createdAt} and at event instants; the steps are its differences, so their running sum before {@code t}
 * ({@code stateAt}) is the ticket's 0 or 1 at {@code t}, whatever order or instants its history has.
 */
@Component
class TicketRollupSource implements RollupSource {

	static final String TICKETS = "tickets";

	static final String FIRST_RESPONSE = "first_response";

	static final String RESOLUTION = "resolution";

	static final String CREATED = "created";

	static final String OPEN = "open";

	static final String COUNT = "n";

	static final String MILLIS = "millis";

	static final String WITHIN_SLA = "within_sla";

	@Override
	public String collection() {
		return "tickets";
	}

	@Override
	public String version() {
		return "support-tickets-1";
	}

	@Override
	public List<Contribution> contributions(Document ticket) {
		Map<String, String> dims = FactsDimension.rollupDims(ticket);
		List<Contribution> contributions = new ArrayList<>();
		Instant createdAt = instant(ticket.get("createdAt"));
		if (createdAt != null) {
			backlog(ticket, createdAt, dims, contributions);
		}
		Instant firstResponseAt = instant(ticket.get("firstResponseAt"));
		if (firstResponseAt != null) {
			contributions.add(Contribution.of(FIRST_RESPONSE, firstResponseAt, dims,
					Map.of(COUNT, 1L, MILLIS, number(ticket.get("firstResponseMillis")))));
		}
		Instant resolvedAt = instant(ticket.get("resolvedAt"));
		if (resolvedAt != null) {
			contributions.add(Contribution.of(RESOLUTION, resolvedAt, dims,
					Map.of(COUNT, 1L, MILLIS, number(ticket.get("resolutionMillis")), WITHIN_SLA,
							Boolean.FALSE.equals(ticket.get("resolutionLate")) ? 1L : 0L)));
		}
		return contributions;
	}

	/** {@value #CREATED} at {@code createdAt}, and the steps of the ticket's "in the backlog" function. */
	private static void backlog(Document ticket, Instant createdAt, Map<String, String> dims,
			List<Contribution> contributions) {
		TreeMap<Instant, Long> deltaAt = new TreeMap<>();
		deltaAt.put(createdAt, 0L);
		Object history = ticket.get("history");
		if (history instanceof List<?> events) {
			for (Object event : events) {
				if (event instanceof Document step) {
					Instant at = instant(step.get("at"));
					if (at != null) {
						deltaAt.merge(at, number(step.get("resolvedDelta")), Long::sum);
					}
				}
			}
		}
		long balance = 0;
		long inBacklog = 0;
		for (Map.Entry<Instant, Long> change : deltaAt.entrySet()) {
			Instant at = change.getKey();
			balance += change.getValue();
			// what a state read just after `at` sees: created by then, and not resolved by then
			long next = (!at.isBefore(createdAt) && balance <= 0) ? 1 : 0;
			Map<String, Long> values = new TreeMap<>();
			if (at.equals(createdAt)) {
				values.put(CREATED, 1L);
			}
			if (next != inBacklog) {
				values.put(OPEN, next - inBacklog);
			}
			if (!values.isEmpty()) {
				contributions.add(Contribution.of(TICKETS, at, dims, values));
			}
			inBacklog = next;
		}
	}

	/** A field the scans matched as a date; anything else never matched a period. */
	static Instant instant(Object value) {
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	/** A field as {@code $sum} adds it: non-numbers count 0. */
	static long number(Object value) {
		return (value instanceof Number n) ? n.longValue() : 0;
	}
}
