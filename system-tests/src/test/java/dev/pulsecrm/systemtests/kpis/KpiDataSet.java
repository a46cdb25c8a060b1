package dev.pulsecrm.systemtests.kpis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.systemtests.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds NDJSON import bodies line by line and posts them, remembering the id each {@code externalId} got, so a
 * hand-made data set reads as a list of records.
 */
public final class KpiDataSet {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, String> ids = new HashMap<>();

	/** One import line: {@code type} then field/value pairs (nulls are left out). */
	public static Map<String, Object> line(String type, Object... fieldsAndValues) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("type", type);
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			if (fieldsAndValues[i + 1] != null) {
				line.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
			}
		}
		return line;
	}

	/** A JSON object from field/value pairs, in order. */
	public static Map<String, Object> object(Object... fieldsAndValues) {
		Map<String, Object> object = new LinkedHashMap<>();
		for (int i = 0; i < fieldsAndValues.length; i += 2) {
			if (fieldsAndValues[i + 1] != null) {
				object.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
			}
		}
		return object;
	}

	public static Map<String, Object> usd(String amount) {
		return object("amount", amount, "currency", "USD");
	}

	public static String at(String instant) {
		return Instant.parse(instant).toString();
	}

	/** Posts the lines as one NDJSON import; every line must be created (201), and its id is remembered. */
	public void importLines(Api api, String service, List<Map<String, Object>> lines) {
		StringBuilder body = new StringBuilder();
		for (Map<String, Object> line : lines) {
			body.append(json.writeValueAsString(line)).append('\n');
		}
		Api.Response response = api.postNdjson("/api/" + service + "/import", body.toString());
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("failed").asInt()).as(response.text()).isZero();
		JsonNode results = response.json().get("results");
		List<String> notCreated = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			JsonNode result = results.get(i);
			if (result.get("status").asInt() != 201) {
				notCreated.add(result.toString());
			}
			Object externalId = lines.get(i).get("externalId");
			if (externalId != null) {
				this.ids.put((String) externalId, result.get("id").asString());
			}
		}
		assertThat(notCreated).as("lines not created by this import (data of another run?)").isEmpty();
	}

	/** The id the record with this externalId was given. */
	public String id(String externalId) {
		String id = this.ids.get(externalId);
		assertThat(id).as("id of " + externalId).isNotNull();
		return id;
	}

	public void remember(String externalId, String id) {
		this.ids.put(externalId, id);
	}
}
