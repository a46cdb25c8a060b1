package dev.pulsecrm.client.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /api/kpis}: the KPIs of {@code [from, to)} and how each source answered ({@code "sales": "UP"}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiSnapshot(Instant from, Instant to, Instant computedAt, Map<String, String> sources,
		List<KpiValue> kpis) {

	public Optional<KpiValue> kpi(String key) {
		return this.kpis.stream().filter((kpi) -> kpi.key().equals(key)).findFirst();
	}
}
