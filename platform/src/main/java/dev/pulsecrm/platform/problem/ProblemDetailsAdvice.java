package dev.pulsecrm.platform.problem;

import java.net.URI;
import java.util.List;

import dev.pulsecrm.platform.grpc.DependencyUnavailableException;
import dev.pulsecrm.platform.web.RequestSizeLimitFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every error a service raises to {@code application/problem+json} (RFC 9457) with {@code errors} for
 * field-level problems. Never a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		return respond(ex.status(), ex.getMessage(), ex.errors());
	}

	/** Another service this request needed is down or too slow: the client may retry. */
	@ExceptionHandler(DependencyUnavailableException.class)
	ResponseEntity<ProblemDetail> dependencyDown(DependencyUnavailableException ex) {
		return respond(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage() + "; retry shortly", List.of());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(HttpStatus.BAD_REQUEST, "parameter " + ex.getName() + " has an invalid value",
				List.of(new ProblemException.FieldError(ex.getName(), "invalid value")));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ProblemException.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new ProblemException.FieldError(error.getField(), error.getDefaultMessage()))
			.toList();
		return cast(respond(HttpStatus.BAD_REQUEST, "the request has invalid fields", errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<ProblemException.FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new ProblemException.FieldError(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return cast(respond(HttpStatus.BAD_REQUEST, "the request has invalid parameters", errors));
	}

	/**
	 * A body that cannot be read: 413 when it exceeds the size limit, otherwise 400 (422 for text refused by
	 * {@link dev.pulsecrm.platform.json.SafeText}) naming the field at fault. The parser's own message names Java
	 * types and parser internals, so it is never passed on.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestSizeLimitFilter.BodyTooLargeException tooLarge = RequestSizeLimitFilter.BodyTooLargeException.find(ex);
		if (tooLarge != null) {
			return cast(respond(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of()));
		}
		JacksonException jackson = JsonProblems.find(ex);
		if (jackson != null) {
			ProblemException problem = JsonProblems.describe(jackson);
			return cast(respond(problem.status(), problem.getMessage(), problem.errors()));
		}
		String message = ex.getMessage();
		if (message != null && message.startsWith("Required request body is missing")) {
			return cast(respond(HttpStatus.BAD_REQUEST, "the request body is missing", List.of()));
		}
		return cast(respond(HttpStatus.BAD_REQUEST, "malformed request body", List.of()));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unhandled error", ex);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", List.of());
	}

	public static ResponseEntity<ProblemDetail> respond(HttpStatus status, String detail,
			List<ProblemException.FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://pulsecrm.dev/problems/" + status.value()));
		problem.setTitle(status.getReasonPhrase());
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
		return (ResponseEntity) entity;
	}
}
