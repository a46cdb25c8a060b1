package dev.pulsecrm.kpi.metrics;

/**
 * Prometheus names of the KPI gauges (KPIS.md, Prometheus): {@code crm_} + key with {@code .} → {@code _}; ratio KPIs
 * end in {@code _ratio} (a trailing {@code _rate} becomes {@code _ratio}). Returned in Micrometer's dotted form.
 */
public final class MetricNames {

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

	static String gaugeName(String key) {
		return prometheusName(key, null).replace('_', '.');
	}
}
