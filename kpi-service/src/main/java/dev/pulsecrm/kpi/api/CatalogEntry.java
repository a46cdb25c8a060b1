package dev.pulsecrm.kpi.api;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pulsecrm.kpi.catalog.Target;

/** {@code GET /api/kpis/catalog}: one KPI as declared, with its Prometheus gauge name and labels. */
public record CatalogEntry(String key, String unit, String description, String formula, List<String> dimensions,
		Set<String> sources, @JsonInclude(JsonInclude.Include.NON_NULL) Target target, String metric,
		List<String> metricLabels) {
}
