package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.util.Map;

/** One group of a KPI split by a dimension: {@code {"group": {"channel": "SEMINAR"}, "value", "components"}}. */
public record KpiGroupValue(Map<String, String> group, BigDecimal value, KpiValue.Status status,
		Map<String, Object> components) {

	static KpiGroupValue of(Map<String, String> group, KpiValue value) {
		return new KpiGroupValue(group, value.value(), value.status(), value.components());
	}
}
