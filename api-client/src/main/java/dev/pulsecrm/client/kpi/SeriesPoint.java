package dev.pulsecrm.client.kpi;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One bucket of {@code GET /api/kpis/{key}/series}; {@code value} is null where the KPI is undefined. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeriesPoint(Instant from, Instant to, BigDecimal value, String status) {
}
