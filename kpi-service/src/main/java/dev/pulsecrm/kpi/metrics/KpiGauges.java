package dev.pulsecrm.kpi.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pulsecrm.kpi.api.KpiService;
import dev.pulsecrm.kpi.api.KpiSnapshot;
import dev.pulsecrm.kpi.catalog.KpiValue;
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
 */
@Component
public class KpiGauges {

	static final List<String> WINDOWS = List.of("7d", "30d", "90d", "mtd", "qtd");

	private final KpiService kpis;

	private final MeterRegistry registry;

	private final Map<String, MultiGauge> gauges = new ConcurrentHashMap<>();

	private final Map<String, Double> sourceUp = new ConcurrentHashMap<>();

	private final Map<String, Double> lastSuccess = new ConcurrentHashMap<>();

	private final Timer refreshTimer;

	public KpiGauges(KpiService kpis, MeterRegistry registry) {
		this.kpis = kpis;
		this.registry = registry;
		this.refreshTimer = Timer.builder("crm.kpi.refresh").description("Time to refresh every KPI window").register(registry);
	}

	@Scheduled(fixedDelayString = "${crm.kpi.refresh-interval:15s}", initialDelayString = "${crm.kpi.refresh-initial-delay:1s}")
	public void refresh() {
		this.refreshTimer.record(() -> refreshAt(Instant.now()));
	}

	void refreshAt(Instant now) {
		Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
		for (String window : WINDOWS) {
			KpiSnapshot snapshot = this.kpis.snapshot(windowStart(window, now), now);
			snapshot.sources().forEach((source, state) -> {
				double up = "UP".equals(state) ? 1 : 0;
				this.sourceUp.put(source, up);
				if (up == 1) {
					this.lastSuccess.put(source, now.toEpochMilli() / 1000.0);
				}
				registerSourceGauges(source);
			});
			for (KpiValue kpi : snapshot.kpis()) {
				if (kpi.value() != null) {
					rows.computeIfAbsent(kpi.key(), (key) -> new ArrayList<>())
						.add(MultiGauge.Row.of(Tags.of("window", window), kpi.value().doubleValue()));
				}
			}
		}
		rows.forEach((key, keyRows) -> this.gauges
			.computeIfAbsent(key, (k) -> MultiGauge.builder(MetricNames.gaugeName(k)).register(this.registry))
			.register(keyRows, true));
		this.gauges.forEach((key, gauge) -> {
			if (!rows.containsKey(key)) {
				gauge.register(List.of(), true);
			}
		});
	}

	private void registerSourceGauges(String source) {
		Gauge.builder("crm.kpi.source.up", this.sourceUp, (map) -> map.getOrDefault(source, 0.0))
			.tag("source", source)
			.description("1 when the last refresh reached the source")
			.register(this.registry);
		Gauge.builder("crm.kpi.last.success.timestamp.seconds", this.lastSuccess,
				(map) -> map.getOrDefault(source, Double.NaN))
			.tag("source", source)
			.description("When the source last answered a refresh (epoch seconds)")
			.register(this.registry);
	}

	static Instant windowStart(String window, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		return switch (window) {
			case "7d" -> now.minus(7, ChronoUnit.DAYS);
			case "30d" -> now.minus(30, ChronoUnit.DAYS);
			case "90d" -> now.minus(90, ChronoUnit.DAYS);
			case "mtd" -> today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			case "qtd" -> today.withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1)
				.withDayOfMonth(1)
				.atStartOfDay(ZoneOffset.UTC)
				.toInstant();
			default -> throw new IllegalArgumentException("unknown window " + window);
		};
	}
}
