package dev.pulsecrm.client.kpi;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One KPI for one period. {@code value} is null unless {@code status} is {@code OK} ({@code NO_DATA},
 * {@code SOURCE_UNAVAILABLE}, …; kept as text so a status added later does not break older clients).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiValue(String key, BigDecimal value, String unit, String status, Map<String, Object> components,
		Target target, Boolean targetMet) {

	public boolean isOk() {
		return "OK".equals(this.status);
	}
}
