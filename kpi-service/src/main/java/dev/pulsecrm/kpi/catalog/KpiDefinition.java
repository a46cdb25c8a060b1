package dev.pulsecrm.kpi.catalog;

import java.util.Set;

/**
 * A KPI as the catalogue declares it once: key, unit, description, formula (as in KPIS.md), the dimensions it can be
 * split by and the sources it needs.
 */
public record KpiDefinition(String key, String unit, String description, String formula, Set<String> dimensions,
		Set<String> sources) {
}
