package dev.pulsecrm.kpi.facts;

/**
 * One facts call a KPI depends on: which source, over which period (the requested one, the previous one, or the
 * trailing year), and whether it must be split by campaign. The service makes only the calls the requested KPIs
 * need, all in parallel.
 */
public enum FactsNeed {

	/** sales facts over the period (split by the requested dimension, if any) */
	SALES(Source.SALES),
	/** sales facts over the period split by campaign (campaign revenue and ROI need the per-campaign sums) */
	SALES_BY_CAMPAIGN(Source.SALES),
	/** sales facts over the previous period {@code [from − (to − from), from)} */
	PREVIOUS_SALES(Source.SALES),
	/** sales facts over the trailing year {@code [to − 365 days, to)} */
	TRAILING_YEAR_SALES(Source.SALES),
	MARKETING(Source.MARKETING),
	SUPPORT(Source.SUPPORT);

	private final Source source;

	FactsNeed(Source source) {
		this.source = source;
	}

	public Source source() {
		return this.source;
	}

	/** The domain services the KPI service reads facts from; {@link #key()} is the name used in REST and metrics. */
	public enum Source {

		SALES("sales"), MARKETING("marketing"), SUPPORT("support");

		private final String key;

		Source(String key) {
			this.key = key;
		}

		public String key() {
			return this.key;
		}

	}

}
