package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A KPI's goal ({@code crm.kpi.targets[<key>]}): a floor ({@code min}, e.g. win rate ≥ 0.30) or a ceiling
 * ({@code max}, e.g. resolution ≤ 24 hours), exactly one of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(BigDecimal min, BigDecimal max) {

	public Target {
		if ((min == null) == (max == null)) {
			throw new IllegalArgumentException("a KPI target has exactly one of min or max");
		}
	}

	public boolean isMetBy(BigDecimal value) {
		return (this.min != null) ? value.compareTo(this.min) >= 0 : value.compareTo(this.max) <= 0;
	}

	/** The threshold, whichever direction it bounds. */
	public BigDecimal threshold() {
		return (this.min != null) ? this.min : this.max;
	}
}
