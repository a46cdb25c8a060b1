package dev.pulsecrm.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.pulsecrm.platform.problem.ProblemException;

/**
 * The instant a create or state change happened: the client's past instant (history import) or the server clock.
 * Kept at millisecond precision, the precision MongoDB stores.
 */
public final class EventTime {

	private EventTime() {
	}

	/** {@code at} if given and not in the future (else 422 on {@code field}); the clock's now otherwise. */
	public static Instant pastOrNow(String field, Instant at, Clock clock) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (at == null) {
			return now;
		}
		if (at.isAfter(now)) {
			throw ProblemException.invalid(field, "must not be in the future");
		}
		return at.truncatedTo(ChronoUnit.MILLIS);
	}
}
