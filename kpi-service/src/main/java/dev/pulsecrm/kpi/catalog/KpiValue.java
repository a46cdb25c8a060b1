package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.util.Map;

/** One KPI for one period: its value (null when undefined), why (components), and whether it could be computed. */
public record KpiValue(String key, BigDecimal value, String unit, Status status, Map<String, Object> components) {

	public enum Status {

		OK, NO_DATA, SOURCE_UNAVAILABLE

	}

	public static KpiValue unavailable(KpiDefinition definition) {
		return new KpiValue(definition.key(), null, definition.unit(), Status.SOURCE_UNAVAILABLE, Map.of());
	}
}
