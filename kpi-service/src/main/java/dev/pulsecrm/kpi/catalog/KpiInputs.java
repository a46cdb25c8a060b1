package dev.pulsecrm.kpi.catalog;

import java.util.Map;

import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;

/**
 * The facts of one group (the totals, or one team, channel, campaign …) that the formulas read. A fact a KPI does
 * not need, or a group a source had no data for, is the empty (all-zero) message.
 *
 * @param period            the period the facts cover
 * @param group             dimension → value of this group; empty for the totals
 * @param sales             sales facts over the period
 * @param previousSales     sales facts over the previous period (revenue growth)
 * @param trailingYearSales sales facts over the trailing year (CLV)
 * @param salesByCampaign   sales facts per campaign id of this group (campaign revenue and ROI)
 * @param marketing         marketing facts over the period
 * @param support           support facts over the period
 */
public record KpiInputs(Period period, Map<String, String> group, SalesGroupFacts sales,
		SalesGroupFacts previousSales, SalesGroupFacts trailingYearSales, Map<String, SalesGroupFacts> salesByCampaign,
		MarketingGroupFacts marketing, SupportGroupFacts support) {

	/** The value a group takes when the record has none (a deal without a campaign, a campaign without a channel). */
	public static final String NO_VALUE = "NONE";

	public KpiInputs {
		group = Map.copyOf(group);
		sales = (sales != null) ? sales : SalesGroupFacts.getDefaultInstance();
		previousSales = (previousSales != null) ? previousSales : SalesGroupFacts.getDefaultInstance();
		trailingYearSales = (trailingYearSales != null) ? trailingYearSales : SalesGroupFacts.getDefaultInstance();
		salesByCampaign = Map.copyOf(salesByCampaign);
		marketing = (marketing != null) ? marketing : MarketingGroupFacts.getDefaultInstance();
		support = (support != null) ? support : SupportGroupFacts.getDefaultInstance();
	}

	/** Inputs for the totals with nothing but the period; tests and formulas add what they read with the withers. */
	public static KpiInputs empty(Period period) {
		return new KpiInputs(period, Map.of(), null, null, null, Map.of(), null, null);
	}

	public boolean isTotals() {
		return this.group.isEmpty();
	}

	public KpiInputs withSales(SalesGroupFacts facts) {
		return new KpiInputs(this.period, this.group, facts, this.previousSales, this.trailingYearSales,
				this.salesByCampaign, this.marketing, this.support);
	}

	public KpiInputs withPreviousSales(SalesGroupFacts facts) {
		return new KpiInputs(this.period, this.group, this.sales, facts, this.trailingYearSales, this.salesByCampaign,
				this.marketing, this.support);
	}

	public KpiInputs withTrailingYearSales(SalesGroupFacts facts) {
		return new KpiInputs(this.period, this.group, this.sales, this.previousSales, facts, this.salesByCampaign,
				this.marketing, this.support);
	}

	public KpiInputs withSalesByCampaign(Map<String, SalesGroupFacts> facts) {
		return new KpiInputs(this.period, this.group, this.sales, this.previousSales, this.trailingYearSales, facts,
				this.marketing, this.support);
	}

	public KpiInputs withMarketing(MarketingGroupFacts facts) {
		return new KpiInputs(this.period, this.group, this.sales, this.previousSales, this.trailingYearSales,
				this.salesByCampaign, facts, this.support);
	}

	public KpiInputs withSupport(SupportGroupFacts facts) {
		return new KpiInputs(this.period, this.group, this.sales, this.previousSales, this.trailingYearSales,
				this.salesByCampaign, this.marketing, facts);
	}

	public KpiInputs withGroup(Map<String, String> group) {
		return new KpiInputs(this.period, group, this.sales, this.previousSales, this.trailingYearSales,
				this.salesByCampaign, this.marketing, this.support);
	}
}
