package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a formula returns: the value ({@code null} when it is undefined, e.g. a zero denominator) and the components
 * it was computed from, so a reader can check it by hand.
 */
public record Measurement(BigDecimal value, Map<String, Object> components) {

	public Measurement {
		// keep the formula's order; values may be null (an undefined component), so no Map.copyOf
		components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
	}

	public static Measurement of(BigDecimal value, Map<String, Object> components) {
		return new Measurement(value, components);
	}

	public KpiValue.Status status() {
		return (this.value != null) ? KpiValue.Status.OK : KpiValue.Status.NO_DATA;
	}
}
