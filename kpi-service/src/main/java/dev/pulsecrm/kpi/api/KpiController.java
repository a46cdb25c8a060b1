package dev.pulsecrm.kpi.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pulsecrm.kpi.catalog.KpiCatalog;
import dev.pulsecrm.kpi.catalog.KpiDefinition;
import dev.pulsecrm.kpi.catalog.KpiProperties;
import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.kpi.metrics.MetricNames;
import dev.pulsecrm.platform.problem.ProblemException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The KPI API (API.md, KPIs): the catalogue, a period's KPIs, one KPI split by a dimension, a KPI over time. */
@RestController
@RequestMapping("/api/kpis")
class KpiController {

	private final KpiService kpis;

	private final KpiCatalog catalog;

	private final KpiProperties properties;

	private final Clock clock;

	KpiController(KpiService kpis, KpiCatalog catalog, KpiProperties properties, Clock clock) {
		this.kpis = kpis;
		this.catalog = catalog;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	KpiSnapshot snapshot(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) List<String> keys) {
		Period period = PeriodParameters.resolve(from, to, this.clock.instant());
		return this.kpis.snapshot(period, definitions(keys));
	}

	@GetMapping("/catalog")
	List<CatalogEntry> catalog() {
		return this.catalog.definitions()
			.stream()
			.map((definition) -> new CatalogEntry(definition.key(), definition.unit(), definition.description(),
					definition.formula(), definition.dimensions(), definition.sources(),
					this.catalog.target(definition.key()).orElse(null),
					MetricNames.prometheusName(definition.key(), definition.unit()),
					MetricNames.labels(definition)))
			.toList();
	}

	@GetMapping("/{key}")
	KpiBreakdown breakdown(@PathVariable String key, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(required = false) String groupBy) {
		Period period = PeriodParameters.resolve(from, to, this.clock.instant());
		return this.kpis.breakdown(period, definition(key), groupBy);
	}

	@GetMapping("/{key}/series")
	List<SeriesPoint> series(@PathVariable String key, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(defaultValue = "day") String interval) {
		KpiDefinition definition = definition(key);
		Period period = PeriodParameters.resolve(from, to, this.clock.instant());
		List<Period> buckets = SeriesInterval.parse(interval).buckets(period, this.properties.maxSeriesBuckets());
		return this.kpis.series(definition, buckets);
	}

	private KpiDefinition definition(String key) {
		return this.catalog.find(key).orElseThrow(() -> ProblemException.notFound("KPI", key));
	}

	private List<KpiDefinition> definitions(List<String> keys) {
		if (keys == null || keys.isEmpty()) {
			return this.catalog.definitions();
		}
		List<KpiDefinition> definitions = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (String key : keys) {
			String trimmed = key.trim();
			this.catalog.find(trimmed).ifPresentOrElse(definitions::add, () -> unknown.add(trimmed));
		}
		if (!unknown.isEmpty()) {
			throw ProblemException.badRequest("keys", "unknown KPI keys " + unknown + "; see GET /api/kpis/catalog");
		}
		return definitions;
	}
}
