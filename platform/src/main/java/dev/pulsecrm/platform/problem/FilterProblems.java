package dev.pulsecrm.platform.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem response from a servlet filter, where no controller advice runs: the same members as
 * {@link ProblemDetailsAdvice} answers with ({@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code errors} when a field is named), and no {@code null} members. One place, so every filter
 * that refuses a request (size limit, query operators, idempotency) answers in the same shape.
 */
public final class FilterProblems {

	private static final JsonMapper json = JsonMapper.builder().build();

	private FilterProblems() {
	}

	/** The problem body for {@code status}, as a map in the members' order. */
	public static Map<String, Object> body(HttpServletRequest request, HttpStatus status, String detail,
			List<ProblemException.FieldError> errors) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://pulsecrm.dev/problems/" + status.value());
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		if (!errors.isEmpty()) {
			problem.put("errors", errors.stream()
				.map((error) -> Map.of("field", error.field(), "message", error.message()))
				.toList());
		}
		return problem;
	}

	/**
	 * Sets the status and content type and writes the problem body, through the output stream or, when the failed
	 * handler had opened the writer already, through the writer (the body is ASCII-safe JSON).
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail, List<ProblemException.FieldError> errors) throws IOException {
		byte[] body = json.writeValueAsBytes(body(request, status, detail, errors));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		try {
			response.getOutputStream().write(body);
		}
		catch (IllegalStateException ex) {
			response.getWriter().write(new String(body, StandardCharsets.UTF_8));
		}
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail) throws IOException {
		write(request, response, status, detail, List.of());
	}

}
