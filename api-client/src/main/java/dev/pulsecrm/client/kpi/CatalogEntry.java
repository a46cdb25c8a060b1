package dev.pulsecrm.client.kpi;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /api/kpis/catalog}: one KPI as declared. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogEntry(String key, String unit, String description, String formula, List<String> dimensions,
		Set<String> sources, Target target, String metric, List<String> metricLabels) {
}
