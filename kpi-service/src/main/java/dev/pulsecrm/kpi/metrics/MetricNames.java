package dev.pulsecrm.kpi.metrics;

import java.util.ArrayList;
import java.util.List;

import dev.pulsecrm.kpi.catalog.KpiDefinition;

/**
 * Prometheus names of the KPI gauges (KPIS.md, Prometheus): {@code crm_} + key with {@code .} → {@code _}; ratio KPIs
 * end in {@code _ratio} (a trailing {@code _rate} becomes {@code _ratio}). The Grafana dashboards and alert rules use
 * these names; change them never.
 */
public final class MetricNames {

	static final String WINDOW = "window";

	private MetricNames() {
	}

	public static String prometheusName(String key, String unit) {
		String name = "crm_" + key.replace('.', '_');
		if ("ratio".equals(unit)) {
			name = name.endsWith("_rate") ? name.substring(0, name.length() - "_rate".length()) + "_ratio"
					: name + "_ratio";
		}
		return name;
	}

	/** The labels of a KPI's gauge family: {@code window}, then its own dimensions (empty on the total row). */
	public static List<String> labels(KpiDefinition definition) {
		List<String> labels = new ArrayList<>();
		labels.add(WINDOW);
		labels.addAll(definition.metricDimensions());
		return labels;
	}

	/** The Micrometer (dotted) form of the name, which the Prometheus registry turns back into the name above. */
	static String gaugeName(KpiDefinition definition) {
		return prometheusName(definition.key(), definition.unit()).replace('_', '.');
	}
}
