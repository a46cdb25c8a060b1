package dev.pulsecrm.kpi.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.kpi.catalog.KpiValue;

/** {@code GET /api/kpis}: every KPI for one period, and which sources answered. */
public record KpiSnapshot(Instant from, Instant to, Instant computedAt, Map<String, String> sources,
		List<KpiValue> kpis) {
}
