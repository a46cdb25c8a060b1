package dev.pulsecrm.demo.importing;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** Import lines as the body of {@code POST /api/{service}/import}: one JSON object per line. */
public final class Ndjson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Ndjson() {
	}

	public static String of(List<ImportLine> lines) {
		StringBuilder body = new StringBuilder();
		for (ImportLine line : lines) {
			body.append(MAPPER.writeValueAsString(line.fields())).append('\n');
		}
		return body.toString();
	}
}
