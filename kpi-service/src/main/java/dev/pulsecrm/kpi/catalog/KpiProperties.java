package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The KPI service's settings ({@code crm.kpi.*}); the defaults are KPIS.md's.
 *
 * @param refreshInterval              how often the Prometheus windows are recomputed (default 15s)
 * @param targets                      per KPI key, a floor or a ceiling; keys hold dots, so use the bracket form:
 *                                     {@code "[sales.win_rate]": {min: 0.30}}
 * @param grossMargin                  share of revenue kept as margin, for CAC payback (default 1.0)
 * @param defaultLifespanYears         CLV lifespan when nobody churned in the trailing year (default 3)
 * @param salesAcquisitionCostPerMonth sales cost added to marketing spend in the total CAC (default 0)
 * @param roi                          the CRM's own cost and gains; unset monthly cost leaves {@code crm.roi} NO_DATA
 * @param metrics                      Prometheus publication settings
 * @param fanOutThreads                threads making facts calls in parallel (default 8)
 * @param maxSeriesBuckets             most buckets one series request may ask for (default 400)
 */
@ConfigurationProperties("crm.kpi")
public record KpiProperties(Duration refreshInterval, Map<String, Target> targets, BigDecimal grossMargin,
		BigDecimal defaultLifespanYears, BigDecimal salesAcquisitionCostPerMonth, Roi roi, Metrics metrics,
		Integer fanOutThreads, Integer maxSeriesBuckets) {

	public KpiProperties {
		refreshInterval = (refreshInterval != null) ? refreshInterval : Duration.ofSeconds(15);
		targets = Map.copyOf(new TreeMap<>((targets != null) ? targets : Map.of()));
		grossMargin = (grossMargin != null) ? grossMargin : BigDecimal.ONE;
		defaultLifespanYears = (defaultLifespanYears != null) ? defaultLifespanYears : BigDecimal.valueOf(3);
		salesAcquisitionCostPerMonth = (salesAcquisitionCostPerMonth != null) ? salesAcquisitionCostPerMonth
				: BigDecimal.ZERO;
		roi = (roi != null) ? roi : new Roi(null, null, null, null);
		metrics = (metrics != null) ? metrics : new Metrics(null);
		fanOutThreads = (fanOutThreads != null) ? fanOutThreads : 8;
		maxSeriesBuckets = (maxSeriesBuckets != null) ? maxSeriesBuckets : 400;
	}

	/** The defaults of KPIS.md, for unit tests and tools. */
	public static KpiProperties defaults() {
		return new KpiProperties(null, null, null, null, null, null, null, null, null);
	}

	/**
	 * {@code crm.roi} inputs: gain = (revenue − baseline monthly revenue × months) + hours saved per month × hourly
	 * value × months; cost = monthly cost × months.
	 *
	 * @param monthlyCost            what the CRM costs per month; unset: ROI is not computed
	 * @param baselineMonthlyRevenue revenue per month before the CRM (default 0)
	 * @param hoursSavedPerMonth     staff hours the CRM saves per month (default 0)
	 * @param hourlyValue            what one saved hour is worth, in the reporting currency (default 0)
	 */
	public record Roi(BigDecimal monthlyCost, BigDecimal baselineMonthlyRevenue, BigDecimal hoursSavedPerMonth,
			BigDecimal hourlyValue) {

		public Roi {
			baselineMonthlyRevenue = (baselineMonthlyRevenue != null) ? baselineMonthlyRevenue : BigDecimal.ZERO;
			hoursSavedPerMonth = (hoursSavedPerMonth != null) ? hoursSavedPerMonth : BigDecimal.ZERO;
			hourlyValue = (hourlyValue != null) ? hourlyValue : BigDecimal.ZERO;
		}

		public boolean configured() {
			return this.monthlyCost != null;
		}

	}

	/**
	 * @param maxGroups most groups (campaigns, teams …) published per KPI, window and dimension: the ones with the
	 *                  highest values, so a growing number of campaigns cannot blow up Prometheus (default 50)
	 */
	public record Metrics(Integer maxGroups) {

		public Metrics {
			maxGroups = (maxGroups != null) ? maxGroups : 50;
		}

	}
}
