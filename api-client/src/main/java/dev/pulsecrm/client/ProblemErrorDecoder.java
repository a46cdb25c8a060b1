package dev.pulsecrm.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import feign.Response;
import feign.codec.ErrorDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns every error answer into an {@link ApiProblemException}, reading problem+json bodies field by field. */
public class ProblemErrorDecoder implements ErrorDecoder {

	/** Longest body text kept as the detail of a non-problem answer. */
	static final int MAX_DETAIL_CHARS = 2000;

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Override
	public Exception decode(String methodKey, Response response) {
		String body = bodyOf(response);
		String contentType = contentType(response);
		if (contentType != null && contentType.toLowerCase().contains("json") && !body.isBlank()) {
			try {
				return problem(response.status(), this.mapper.readTree(body), contentType);
			}
			catch (JacksonException ex) {
				// not JSON after all: fall through and keep the text
			}
		}
		String detail = body.length() > MAX_DETAIL_CHARS ? body.substring(0, MAX_DETAIL_CHARS) : body;
		return new ApiProblemException(response.status(), null, response.reason(), detail.isBlank() ? null : detail,
				List.of(), contentType);
	}

	private static ApiProblemException problem(int httpStatus, JsonNode json, String contentType) {
		List<ApiProblemException.FieldError> errors = new ArrayList<>();
		for (JsonNode error : json.path("errors")) {
			errors.add(new ApiProblemException.FieldError(text(error, "field"), text(error, "message")));
		}
		int status = json.path("status").canConvertToInt() ? json.path("status").asInt() : httpStatus;
		return new ApiProblemException(status, text(json, "type"), text(json, "title"), text(json, "detail"), errors,
				contentType);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static String contentType(Response response) {
		// Feign's response headers are case-insensitive
		Collection<String> types = response.headers().get("Content-Type");
		if (types == null || types.isEmpty()) {
			return null;
		}
		return types.iterator().next();
	}

	private static String bodyOf(Response response) {
		if (response.body() == null) {
			return "";
		}
		try (InputStream in = response.body().asInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}
}
