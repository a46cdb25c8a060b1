package dev.pulsecrm.demo.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.client.Money;

/**
 * One NDJSON line of a bulk import: its {@code type}, the external id of the record it creates (to find the server
 * id in the import report), and its fields in a fixed order, so the same story always writes the same bytes.
 */
public record ImportLine(String type, String externalId, Map<String, Object> fields) {

	public ImportLine {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	static Builder of(String type) {
		return new Builder(type);
	}

	/** Builds the fields of a line: nulls are left out; instants, dates, enums and money take their API form. */
	static final class Builder {

		private final String type;

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private String externalId;

		private Builder(String type) {
			this.type = type;
			this.fields.put("type", type);
		}

		Builder externalId(String externalId) {
			this.externalId = externalId;
			return put("externalId", externalId);
		}

		Builder put(String name, Object value) {
			Object json = json(value);
			if (json != null) {
				this.fields.put(name, json);
			}
			return this;
		}

		ImportLine build() {
			return new ImportLine(this.type, this.externalId, this.fields);
		}

		static Object json(Object value) {
			if (value == null) {
				return null;
			}
			if (value instanceof Instant || value instanceof LocalDate || value instanceof Enum<?>) {
				return value.toString();
			}
			if (value instanceof Money money) {
				Map<String, Object> map = new LinkedHashMap<>();
				map.put("amount", money.amount());
				map.put("currency", money.currency());
				return map;
			}
			if (value instanceof List<?> list) {
				List<Object> items = new ArrayList<>();
				list.forEach((item) -> items.add(json(item)));
				return items;
			}
			if (value instanceof Map<?, ?> || value instanceof String || value instanceof Number
					|| value instanceof Boolean || value instanceof BigDecimal) {
				return value;
			}
			throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
		}
	}
}
