package dev.pulsecrm.platform.web;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.problem.FilterProblems;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (400) query parameters shaped like MongoDB operator injection before any controller sees them: a name with
 * {@code $} or brackets ({@code ownerId[$ne]=x}, {@code $where=...}) or a value that is an operator or an operator
 * document ({@code status={"$ne":null}}). Filters are typed and compared by equality anyway, so such a request could
 * not widen a query; refusing it tells the client so instead of silently ignoring the parameter.
 */
public class QueryOperatorFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, List<String>> parameters;
		try {
			parameters = parameters(request);
		}
		catch (IllegalArgumentException ex) {
			refuse(request, response, null, "the query string is not correctly percent-encoded");
			return;
		}
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			if (name.indexOf('$') >= 0 || name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
				refuse(request, response, name, "query operators are not accepted: parameter names are plain field names");
				return;
			}
			for (String value : parameter.getValue()) {
				String trimmed = value.strip();
				if (trimmed.startsWith("$")
						|| ((trimmed.startsWith("{") || trimmed.startsWith("[")) && trimmed.indexOf('$') >= 0)) {
					refuse(request, response, name, "query operators are not accepted: filters compare plain values");
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * The request's parameters; for a form body only those of the query string, so the body is left unread (the API
	 * takes JSON: a form is refused later with 415).
	 */
	private static Map<String, List<String>> parameters(HttpServletRequest request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		String contentType = request.getContentType();
		if (contentType == null || !contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
			request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
			return parameters;
		}
		if (request.getQueryString() == null) {
			return parameters;
		}
		for (String pair : request.getQueryString().split("&")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
				String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				parameters.computeIfAbsent(name, (key) -> new java.util.ArrayList<>()).add(value);
			}
		}
		return parameters;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String field,
			String message) throws IOException {
		FilterProblems.write(request, response, HttpStatus.BAD_REQUEST,
				(field == null) ? message : "parameter " + field + ": " + message,
				(field == null) ? List.of() : List.of(new ProblemException.FieldError(field, message)));
	}
}
