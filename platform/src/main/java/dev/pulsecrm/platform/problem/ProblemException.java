package dev.pulsecrm.platform.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or must know about, mapped once to an RFC 9457 problem response by
 * {@link ProblemDetailsAdvice}. Throw one of the factory results rather than subclassing per case.
 */
public class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final List<FieldError> errors;

	public ProblemException(HttpStatus status, String detail, List<FieldError> errors) {
		super(detail);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public static ProblemException notFound(String what, String id) {
		return new ProblemException(HttpStatus.NOT_FOUND, what + " " + id + " does not exist", List.of());
	}

	/** 409: the record exists but is in a state that forbids the change. */
	public static ProblemException conflict(String detail) {
		return new ProblemException(HttpStatus.CONFLICT, detail, List.of());
	}

	/** 422: well-formed but semantically invalid input. */
	public static ProblemException invalid(String field, String message) {
		return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message,
				List.of(new FieldError(field, message)));
	}

	/** 400: a parameter that cannot be used at all. */
	public static ProblemException badRequest(String field, String message) {
		return new ProblemException(HttpStatus.BAD_REQUEST, field + ": " + message,
				List.of(new FieldError(field, message)));
	}

	public static ProblemException unavailable(String detail) {
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of());
	}

	public HttpStatus status() {
		return this.status;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public record FieldError(String field, String message) {
	}
}
