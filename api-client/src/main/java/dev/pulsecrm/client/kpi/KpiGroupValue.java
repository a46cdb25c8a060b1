package dev.pulsecrm.client.kpi;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One group of a split KPI: {@code {"group": {"channel": "SEMINAR"}, "value", "components"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiGroupValue(Map<String, String> group, BigDecimal value, String status,
		Map<String, Object> components) {
}
