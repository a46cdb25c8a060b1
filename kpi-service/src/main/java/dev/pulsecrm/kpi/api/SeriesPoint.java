package dev.pulsecrm.kpi.api;

import java.math.BigDecimal;
import java.time.Instant;

import dev.pulsecrm.kpi.catalog.KpiValue;

/** One bucket of {@code GET /api/kpis/{key}/series}; {@code value} is null where the KPI is undefined. */
public record SeriesPoint(Instant from, Instant to, BigDecimal value, KpiValue.Status status) {
}
