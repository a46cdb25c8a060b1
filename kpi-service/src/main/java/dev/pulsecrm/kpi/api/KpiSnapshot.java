package dev.pulsecrm.kpi.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.kpi.catalog.KpiValue;
import dev.pulsecrm.kpi.facts.SourceState;

/** {@code GET /api/kpis}: every requested KPI for one period, and how each source it needed answered. */
public record KpiSnapshot(Instant from, Instant to, Instant computedAt, Map<String, SourceState> sources,
		List<KpiValue> kpis) {
}
