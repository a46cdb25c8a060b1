package dev.pulsecrm.platform.ndjson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.pulsecrm.platform.problem.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bulk import of NDJSON: one record per line, each naming its kind in {@code type}. Each line is parsed, validated
 * and applied on its own through the same service methods as the REST API, so a bad line is reported and skipped and
 * never half-written. Build one per request with {@link #builder(ObjectMapper, Validator)}.
 */
public final class NdjsonImport {

	/** Longest line accepted; a longer one is reported, not parsed. */
	public static final int MAX_LINE_CHARS = 1 << 20;

	private final ObjectMapper mapper;

	private final Validator validator;

	private final Map<String, Handler<?>> handlers;

	private NdjsonImport(ObjectMapper mapper, Validator validator, Map<String, Handler<?>> handlers) {
		this.mapper = mapper;
		this.validator = validator;
		this.handlers = Map.copyOf(handlers);
	}

	public static Builder builder(ObjectMapper mapper, Validator validator) {
		return new Builder(mapper, validator);
	}

	public ImportReport run(InputStream body) throws IOException {
		List<LineResult> results = new ArrayList<>();
		int lineNumber = 0;
		int imported = 0;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lineNumber++;
				if (line.isBlank()) {
					continue;
				}
				LineResult result = apply(lineNumber, line);
				if (result.status() < 300) {
					imported++;
				}
				results.add(result);
			}
		}
		return new ImportReport(results.size(), imported, results.size() - imported, results);
	}

	private LineResult apply(int lineNumber, String line) {
		if (line.length() > MAX_LINE_CHARS) {
			return LineResult.failed(lineNumber, null, 400, "line longer than " + MAX_LINE_CHARS + " characters");
		}
		String type = null;
		try {
			JsonNode node = this.mapper.readTree(line);
			if (!(node instanceof ObjectNode object)) {
				return LineResult.failed(lineNumber, null, 400, "each line must be a JSON object");
			}
			type = object.path("type").asString(null);
			Handler<?> handler = (type == null) ? null : this.handlers.get(type);
			if (handler == null) {
				return LineResult.failed(lineNumber, type, 400,
						"type must be one of " + new java.util.TreeSet<>(this.handlers.keySet()));
			}
			object.remove("type");
			return handler.apply(lineNumber, object, this.mapper, this.validator);
		}
		catch (JacksonException ex) {
			// the field and what it must be, never the parser's message (it names Java classes)
			ProblemException problem = dev.pulsecrm.platform.problem.JsonProblems.describe(ex);
			return LineResult.failed(lineNumber, type, problem.status().value(), problem.getMessage());
		}
		catch (ProblemException ex) {
			return LineResult.failed(lineNumber, type, ex.status().value(), ex.getMessage());
		}
	}

	/** The outcome of one line: 201 created, 200 already there (same externalId), 4xx refused. */
	public record LineResult(int line, String type, int status, String id, String error) {

		static LineResult failed(int line, String type, int status, String error) {
			return new LineResult(line, type, status, null, error);
		}
	}

	public record ImportReport(int lines, int imported, int failed, List<LineResult> results) {
	}

	/** What applying one record returns: the id and whether it was new. */
	public record Applied(String id, boolean created) {
	}

	/** One record kind: how to read it and what to do with it. */
	private record Handler<T>(String type, Class<T> recordType, Function<T, Applied> action) {

		LineResult apply(int line, ObjectNode node, ObjectMapper mapper, Validator validator) {
			T record = mapper.treeToValue(node, this.recordType);
			Set<ConstraintViolation<T>> violations = validator.validate(record);
			if (!violations.isEmpty()) {
				ConstraintViolation<T> first = violations.iterator().next();
				return LineResult.failed(line, this.type, 400, first.getPropertyPath() + ": " + first.getMessage());
			}
			Applied applied = this.action.apply(record);
			return new LineResult(line, this.type, applied.created() ? 201 : 200, applied.id(), null);
		}
	}

	public static final class Builder {

		private final ObjectMapper mapper;

		private final Validator validator;

		private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();

		private Builder(ObjectMapper mapper, Validator validator) {
			this.mapper = mapper;
			this.validator = validator;
		}

		/** Lines of {@code type} are read as {@code recordType}, validated, then given to {@code action}. */
		public <T> Builder on(String type, Class<T> recordType, Function<T, Applied> action) {
			this.handlers.put(type, new Handler<>(type, recordType, action));
			return this;
		}

		public NdjsonImport build() {
			return new NdjsonImport(this.mapper, this.validator, this.handlers);
		}
	}
}
