package dev.pulsecrm.client.kpi;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /api/kpis/{key}?groupBy=}: one KPI split by a dimension. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiBreakdown(String key, String unit, Instant from, Instant to, String groupBy,
		List<KpiGroupValue> groups) {
}
