package dev.pulsecrm.platform.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Text a client may store: no control characters other than tab and line breaks (NUL breaks C strings and logs),
 * no unpaired surrogates (not Unicode: stored as U+FFFD, so what is read back differs from what was accepted) and
 * no bidirectional override or isolate controls (they make a name display as something else, "Trojan Source").
 * Every JSON string a service reads goes through {@link Deserializer}; emoji and any script are fine.
 */
public final class SafeText {

	private SafeText() {
	}

	/** Why {@code text} may not be stored, or null when it may. */
	public static String problem(String text) {
		if (text == null) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return "must not contain unpaired surrogates";
			}
			if (Character.isLowSurrogate(c)) {
				return "must not contain unpaired surrogates";
			}
			if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
				return "must not contain control characters";
			}
			if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
				return "must not contain bidirectional override characters";
			}
		}
		return null;
	}

	/** A JSON string that {@link #problem} refuses; the problem handler answers 422 naming the field. */
	public static final class UnsafeTextException extends MismatchedInputException {

		private final String reason;

		UnsafeTextException(JsonParser parser, String reason) {
			super(parser, "text " + reason, String.class);
			this.reason = reason;
		}

		public String reason() {
			return this.reason;
		}
	}

	/** The standard string deserializer, then {@link #problem}. */
	public static final class Deserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			String problem = problem(value);
			if (problem != null) {
				throw new UnsafeTextException(parser, problem);
			}
			return value;
		}
	}
}
