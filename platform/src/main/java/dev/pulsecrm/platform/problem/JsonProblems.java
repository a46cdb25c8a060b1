package dev.pulsecrm.platform.problem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.platform.json.SafeText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpStatus;

/**
 * What a client did wrong in a JSON body, in the API's words: the field (as a path such as {@code amount.amount} or
 * {@code items[0].type}) and what it must be. Never the parser's own message, which names Java classes, parser
 * features and tokens.
 */
public final class JsonProblems {

	private JsonProblems() {
	}

	/** The first {@link JacksonException} in the cause chain of {@code ex}, or null. */
	public static JacksonException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** A problem response for a body Jackson could not read. */
	public static ProblemException describe(JacksonException ex) {
		String field = path(ex);
		if (ex instanceof SafeText.UnsafeTextException unsafe) {
			return problem(HttpStatus.UNPROCESSABLE_CONTENT, field, unsafe.reason());
		}
		if (ex instanceof StreamConstraintsException) {
			return problem(HttpStatus.BAD_REQUEST, null,
					"the JSON exceeds the parser's limits (nesting depth, number or text length)");
		}
		if (ex instanceof InputCoercionException) {
			return problem(HttpStatus.BAD_REQUEST, field, "is out of range");
		}
		if (ex instanceof MismatchedInputException && field.isEmpty() && ex.getOriginalMessage() != null
				&& ex.getOriginalMessage().startsWith("Trailing token")) {
			return problem(HttpStatus.BAD_REQUEST, null, "unexpected content after the JSON value");
		}
		if (ex instanceof MismatchedInputException mismatch) {
			return problem(HttpStatus.BAD_REQUEST, field, expected(mismatch.getTargetType()));
		}
		if (ex instanceof StreamReadException) {
			String original = firstLine(ex.getOriginalMessage());
			String where = location(ex.getLocation());
			String reason = (original == null || original.contains("`") || original.length() > 200) ? null : original;
			return problem(HttpStatus.BAD_REQUEST, null,
					"malformed JSON" + where + (reason == null ? "" : ": " + reason));
		}
		return problem(HttpStatus.BAD_REQUEST, field, "has an invalid value");
	}

	/** The same, as one line of text (import results). */
	public static String message(JacksonException ex) {
		return describe(ex).getMessage();
	}

	private static ProblemException problem(HttpStatus status, String field, String message) {
		if (field == null || field.isEmpty()) {
			return new ProblemException(status, "malformed request body: " + message, List.of());
		}
		return new ProblemException(status, field + ": " + message,
				List.of(new ProblemException.FieldError(field, message)));
	}

	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	static String expected(Class<?> type) {
		if (type == null) {
			return "has an invalid value";
		}
		if (type == String.class || CharSequence.class.isAssignableFrom(type) || type == char.class
				|| type == Character.class) {
			return "must be a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
			return (type == Integer.class || type == int.class || type == Long.class || type == long.class
					|| type == Short.class || type == short.class) ? "must be a whole number" : "must be a number";
		}
		if (type.isEnum()) {
			return "must be one of " + Arrays.toString(type.getEnumConstants());
		}
		if (type == Instant.class) {
			return "must be an ISO-8601 instant such as 2026-03-01T09:30:00Z";
		}
		if (type == LocalDate.class) {
			return "must be a date such as 2026-03-01";
		}
		if (type == Duration.class) {
			return "must be an ISO-8601 duration such as PT4H";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "must be an ISO-8601 date or time";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "must be an array";
		}
		if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
			return "must be an object";
		}
		return "has an invalid value";
	}

	private static String location(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
	}

	private static String firstLine(String text) {
		return (text == null) ? null : text.lines().findFirst().orElse(null);
	}
}
