package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One KPI for one period: its value ({@code null} when undefined), why (components), whether it could be computed,
 * and its target when one is configured.
 */
public record KpiValue(String key, BigDecimal value, String unit, Status status, Map<String, Object> components,
		@JsonInclude(JsonInclude.Include.NON_NULL) Target target,
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean targetMet) {

	public enum Status {

		/** the value is defined */
		OK,
		/** the formula's denominator is 0 (or the KPI is not configured): the value is null, never 0 or NaN */
		NO_DATA,
		/** a source the KPI needs did not answer */
		SOURCE_UNAVAILABLE,
		/** a fact holds money in a currency without a configured rate to {@code crm.currency} */
		NO_EXCHANGE_RATE

	}

	public static KpiValue unavailable(KpiDefinition definition) {
		return new KpiValue(definition.key(), null, definition.unit(), Status.SOURCE_UNAVAILABLE, Map.of(), null,
				null);
	}

	/** This value judged against {@code target} (none: no target fields). */
	public KpiValue withTarget(Target target) {
		if (target == null) {
			return this;
		}
		return new KpiValue(this.key, this.value, this.unit, this.status, this.components, target,
				(this.value != null) ? target.isMetBy(this.value) : null);
	}
}
