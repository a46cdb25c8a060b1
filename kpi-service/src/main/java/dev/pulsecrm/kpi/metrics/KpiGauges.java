package dev.pulsecrm.kpi.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.pulsecrm.kpi.api.KpiService;
import dev.pulsecrm.kpi.catalog.KpiCatalog;
import dev.pulsecrm.kpi.catalog.KpiDefinition;
import dev.pulsecrm.kpi.catalog.KpiGroupValue;
import dev.pulsecrm.kpi.catalog.KpiProperties;
import dev.pulsecrm.kpi.catalog.KpiValue;
import dev.pulsecrm.kpi.catalog.Target;
import dev.pulsecrm.kpi.facts.FactsNeed;
import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.kpi.facts.SourceState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the fixed windows in the background and publishes them as gauges, so a Prometheus scrape only reads
 * numbers computed earlier. A KPI without a value (undefined, or its source down) has no series.
 *
 * <p>Every KPI has one gauge family, {@code crm_<key>} (see {@link MetricNames}), labelled {@code window} plus the
 * KPI's own dimensions ({@link KpiDefinition#metricDimensions()}, e.g. {@code team} for the win rate). The total row
 * has those dimension labels empty ({@code team=""}, which PromQL treats as absent); each group row sets one of
 * them. Groups are capped per KPI, window and dimension at {@code crm.kpi.metrics.max-groups}, highest values first.
 * {@code crm_kpi_target_met{kpi}} judges the {@code 30d} window.
 */
@Component
public class KpiGauges {

	static final KpiWindow TARGET_WINDOW = KpiWindow.LAST_30_DAYS;

	private final KpiService kpis;

	private final KpiCatalog catalog;

	private final MeterRegistry registry;

	private final Clock clock;

	private final int maxGroups;

	private final Map<String, MultiGauge> families = new LinkedHashMap<>();

	// read by scrapes while a refresh writes it
	private final Map<FactsNeed.Source, Double> sourceUp = new ConcurrentHashMap<>();

	private final MultiGauge lastSuccess;

	private final Map<FactsNeed.Source, Double> lastSuccessSeconds = new EnumMap<>(FactsNeed.Source.class);

	private final MultiGauge targetMet;

	private final Timer refreshTimer;

	public KpiGauges(KpiService kpis, KpiCatalog catalog, KpiProperties properties, MeterRegistry registry,
			Clock clock) {
		this.kpis = kpis;
		this.catalog = catalog;
		this.registry = registry;
		this.clock = clock;
		this.maxGroups = properties.metrics().maxGroups();
		this.refreshTimer = Timer.builder("crm.kpi.refresh")
			.description("Time to refresh every KPI window")
			.register(registry);
		this.lastSuccess = MultiGauge.builder("crm.kpi.last.success.timestamp.seconds")
			.description("When each source last answered every facts call of a refresh (epoch seconds)")
			.register(registry);
		this.targetMet = MultiGauge.builder("crm.kpi.target.met")
			.description("1 when the KPI meets its configured target over the 30d window, else 0")
			.register(registry);
		properties.targets()
			.forEach((key, target) -> Gauge.builder("crm.kpi.target", target, (t) -> t.threshold().doubleValue())
				.tag("kpi", key)
				.description("The configured target of the KPI (a floor or a ceiling, see GET /api/kpis/catalog)")
				.register(registry));
		Gauge.builder("crm.kpi.info", () -> 1)
			.tag("currency", catalog.currency())
			.description("The reporting currency of every money KPI")
			.register(registry);
		for (KpiDefinition definition : catalog.definitions()) {
			this.families.put(definition.key(), MultiGauge.builder(MetricNames.gaugeName(definition))
				.description(definition.description() + " [" + definition.unit() + "]")
				.register(registry));
		}
	}

	@Scheduled(fixedDelayString = "${crm.kpi.refresh-interval:15s}",
			initialDelayString = "${crm.kpi.refresh-initial-delay:1s}")
	public void refresh() {
		refreshAt(this.clock.instant());
	}

	/** Recomputes every window ending at {@code now} and replaces the published rows. */
	public synchronized void refreshAt(Instant now) {
		this.refreshTimer.record(() -> publish(now));
	}

	private void publish(Instant now) {
		Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
		this.families.keySet().forEach((key) -> rows.put(key, new ArrayList<>()));
		Map<FactsNeed.Source, Boolean> answered = new EnumMap<>(FactsNeed.Source.class);
		List<MultiGauge.Row<?>> targetRows = new ArrayList<>();
		for (KpiWindow window : KpiWindow.values()) {
			Optional<Period> period = window.endingAt(now);
			if (period.isEmpty()) {
				continue;
			}
			KpiService.WindowValues values = this.kpis.window(period.get());
			values.snapshot().sources().forEach((source, state) -> answered.merge(source(source),
					state == SourceState.UP, Boolean::logicalAnd));
			for (KpiValue kpi : values.snapshot().kpis()) {
				KpiDefinition definition = this.catalog.find(kpi.key()).orElseThrow();
				if (kpi.value() != null) {
					rows.get(kpi.key()).add(MultiGauge.Row.of(tags(definition, window, null, null), kpi.value()));
				}
				if (window == TARGET_WINDOW && kpi.targetMet() != null) {
					targetRows.add(MultiGauge.Row.of(Tags.of("kpi", kpi.key()), kpi.targetMet() ? 1 : 0));
				}
			}
			values.groups().forEach((key, byDimension) -> {
				KpiDefinition definition = this.catalog.find(key).orElseThrow();
				byDimension.forEach((dimension, groups) -> groups.stream()
					.filter((group) -> group.value() != null)
					.sorted(Comparator.comparing(KpiGroupValue::value, Comparator.reverseOrder()))
					.limit(this.maxGroups)
					.forEach((group) -> rows.get(key)
						.add(MultiGauge.Row.of(tags(definition, window, dimension, group.group().get(dimension)),
								group.value()))));
			});
		}
		rows.forEach((key, keyRows) -> this.families.get(key).register(keyRows, true));
		this.targetMet.register(targetRows, true);
		publishSources(answered, now);
	}

	private void publishSources(Map<FactsNeed.Source, Boolean> answered, Instant now) {
		answered.forEach((source, up) -> {
			if (!this.sourceUp.containsKey(source)) {
				Gauge.builder("crm.kpi.source.up", this.sourceUp, (map) -> map.getOrDefault(source, 0.0))
					.tag("source", source.key())
					.description("1 when the last refresh reached the source, else 0")
					.register(this.registry);
			}
			this.sourceUp.put(source, up ? 1.0 : 0.0);
			if (up) {
				this.lastSuccessSeconds.put(source, now.toEpochMilli() / 1000.0);
			}
		});
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		this.lastSuccessSeconds.forEach((source, seconds) -> rows.add(MultiGauge.Row.of(Tags.of("source", source.key()),
				seconds)));
		this.lastSuccess.register(rows, true);
	}

	/** {@code window} plus every dimension label of the family: the group's own set, the others empty. */
	private static Tags tags(KpiDefinition definition, KpiWindow window, String dimension, String value) {
		Tags tags = Tags.of(MetricNames.WINDOW, window.label());
		for (String label : definition.metricDimensions()) {
			tags = tags.and(label, label.equals(dimension) ? value : "");
		}
		return tags;
	}

	private static FactsNeed.Source source(String key) {
		for (FactsNeed.Source source : FactsNeed.Source.values()) {
			if (source.key().equals(key)) {
				return source;
			}
		}
		throw new IllegalArgumentException("unknown source " + key);
	}

}
