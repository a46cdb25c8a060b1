package dev.pulsecrm.client;

import java.util.List;

/**
 * An error answer of the API, read from its {@code application/problem+json} body (RFC 9457): 400 malformed or
 * invalid fields ({@link #errors()}), 401/403 token or role, 404 unknown id, 409 illegal state change, 422 invalid,
 * 429 rate-limited, 503 a dependency down. A non-problem body (a proxy's error page) keeps its text as the detail.
 */
public class ApiProblemException extends RuntimeException {

	private final int status;

	private final String type;

	private final String title;

	private final String detail;

	private final List<FieldError> errors;

	private final String contentType;

	/**
	 * @param contentType the answer's {@code Content-Type} (null when it had none): tells a problem+json answer of
	 * the platform from an error page of something in between
	 */
	public ApiProblemException(int status, String type, String title, String detail, List<FieldError> errors,
			String contentType) {
		super(message(status, title, detail, errors));
		this.status = status;
		this.type = type;
		this.title = title;
		this.detail = detail;
		this.errors = (errors == null) ? List.of() : List.copyOf(errors);
		this.contentType = contentType;
	}

	public ApiProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
		this(status, type, title, detail, errors, null);
	}

	public ApiProblemException(int status, String title, String detail, List<FieldError> errors) {
		this(status, null, title, detail, errors);
	}

	private static String message(int status, String title, String detail, List<FieldError> errors) {
		StringBuilder message = new StringBuilder().append(status);
		if (title != null) {
			message.append(' ').append(title);
		}
		if (detail != null && !detail.isBlank()) {
			message.append(": ").append(detail);
		}
		if (errors != null && !errors.isEmpty()) {
			message.append(' ').append(errors);
		}
		return message.toString();
	}

	public int status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	/** The answer's {@code Content-Type}, or null when it had none (or the exception was not made from an answer). */
	public String contentType() {
		return this.contentType;
	}

	/** Whether the answer was an RFC 9457 {@code application/problem+json} document. */
	public boolean isProblemDocument() {
		return this.contentType != null && this.contentType.toLowerCase().startsWith("application/problem+json");
	}

	/** One field-level problem of a validation error: {@code {"field": "...", "message": "..."}}. */
	public record FieldError(String field, String message) {

		@Override
		public String toString() {
			return this.field + ": " + this.message;
		}
	}
}
