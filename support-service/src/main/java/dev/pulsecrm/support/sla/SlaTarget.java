package dev.pulsecrm.support.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.support.ticket.Priority;

/**
 * The targets for one priority as ISO-8601 durations ({@code PT4H}, {@code P3D}). Kept as text on the wire and in
 * MongoDB, normalised by {@link #checked}, so what a client PUTs is what it GETs back.
 */
public record SlaTarget(Priority priority, String firstResponse, String resolution) {

	/** Validates a target from outside: both durations present, parseable and positive (422 naming the field). */
	public static SlaTarget checked(String field, SlaTarget target) {
		if (target.priority() == null) {
			throw ProblemException.invalid(field + ".priority", "is required");
		}
		Duration firstResponse = positive(field + ".firstResponse", target.firstResponse());
		Duration resolution = positive(field + ".resolution", target.resolution());
		return new SlaTarget(target.priority(), firstResponse.toString(), resolution.toString());
	}

	public SlaDeadlines deadlinesFrom(Instant createdAt) {
		return new SlaDeadlines(createdAt.plus(Duration.parse(this.firstResponse)),
				createdAt.plus(Duration.parse(this.resolution)));
	}

	private static Duration positive(String field, String text) {
		if (text == null || text.isBlank()) {
			throw ProblemException.invalid(field, "is required (an ISO-8601 duration such as PT4H)");
		}
		Duration duration;
		try {
			duration = Duration.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.invalid(field, "is not an ISO-8601 duration such as PT4H or P3D");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw ProblemException.invalid(field, "must be positive");
		}
		return duration;
	}
}
