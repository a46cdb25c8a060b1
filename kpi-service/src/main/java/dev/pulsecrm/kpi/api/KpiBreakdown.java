package dev.pulsecrm.kpi.api;

import java.time.Instant;
import java.util.List;

import dev.pulsecrm.kpi.catalog.KpiGroupValue;

/**
 * {@code GET /api/kpis/{key}?groupBy=}: one KPI split by a dimension ({@code groupBy} absent: one group, the totals,
 * with an empty {@code group}).
 */
public record KpiBreakdown(String key, String unit, Instant from, Instant to, String groupBy,
		List<KpiGroupValue> groups) {
}
