package dev.pulsecrm.kpi.catalog;

import static dev.pulsecrm.kpi.catalog.Exact.MILLIS_PER_DAY;
import static dev.pulsecrm.kpi.catalog.Exact.MILLIS_PER_HOUR;
import static dev.pulsecrm.kpi.catalog.Exact.decimal;
import static dev.pulsecrm.kpi.catalog.Exact.mean;
import static dev.pulsecrm.kpi.catalog.Exact.quotient;
import static dev.pulsecrm.kpi.facts.FactsNeed.MARKETING;
import static dev.pulsecrm.kpi.facts.FactsNeed.PREVIOUS_SALES;
import static dev.pulsecrm.kpi.facts.FactsNeed.SALES;
import static dev.pulsecrm.kpi.facts.FactsNeed.SALES_BY_CAMPAIGN;
import static dev.pulsecrm.kpi.facts.FactsNeed.SUPPORT;
import static dev.pulsecrm.kpi.facts.FactsNeed.TRAILING_YEAR_SALES;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import dev.pulsecrm.kpi.facts.CurrencyConverter;
import dev.pulsecrm.kpi.facts.FactsNeed;
import dev.pulsecrm.kpi.facts.MissingExchangeRateException;
import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.sales.v1.StageFacts;

/**
 * Every KPI of KPIS.md, declared once with a pure function from facts to value. Each formula carries a one-line
 * reference to its definition; the arithmetic is exact (BigDecimal, 16 significant digits) and a zero denominator
 * gives {@code null}, never 0.
 */
public class KpiCatalog {

	public static final String COUNT = "count";

	public static final String MONEY = "money";

	public static final String RATIO = "ratio";

	public static final String DAYS = "days";

	public static final String HOURS = "hours";

	public static final String MONTHS = "months";

	public static final String SCORE = "score";

	static final List<String> DEAL_DIMENSIONS = List.of("owner", "team", "region", "segment", "industry", "campaign");

	static final List<String> ACCOUNT_DIMENSIONS = List.of("owner", "team", "region", "segment", "industry");

	static final List<String> LEAD_DIMENSIONS = List.of("channel", "campaign", "region", "industry", "segment");

	static final List<String> CAMPAIGN_DIMENSIONS = List.of("campaign", "channel");

	static final List<String> TICKET_DIMENSIONS = List.of("priority", "channel", "category", "team");

	private final CurrencyConverter money;

	private final KpiProperties settings;

	private final Map<String, KpiDefinition> definitions = new LinkedHashMap<>();

	public KpiCatalog(CurrencyConverter money, KpiProperties settings) {
		this.money = money;
		this.settings = settings;
		declareSales();
		declareMarketing();
		declareSupportAndRetention();
		declareWholeCrm();
		for (String key : settings.targets().keySet()) {
			if (!this.definitions.containsKey(key)) {
				throw new IllegalStateException("crm.kpi.targets names an unknown KPI '" + key
						+ "'; write the key in brackets so its dots survive binding, e.g. crm.kpi.targets[sales.win_rate].min");
			}
		}
	}

	public List<KpiDefinition> definitions() {
		return List.copyOf(this.definitions.values());
	}

	public Optional<KpiDefinition> find(String key) {
		return Optional.ofNullable(this.definitions.get(key));
	}

	public Optional<Target> target(String key) {
		return Optional.ofNullable(this.settings.targets().get(key));
	}

	public String currency() {
		return this.money.currency();
	}

	/** The KPI over one group of facts, with its target; a currency without a rate gives NO_EXCHANGE_RATE. */
	public KpiValue compute(KpiDefinition definition, KpiInputs inputs) {
		try {
			Measurement measurement = definition.formulaFunction().apply(inputs);
			KpiValue value = new KpiValue(definition.key(), measurement.value(), definition.unit(),
					measurement.status(), measurement.components(), null, null);
			return value.withTarget(this.settings.targets().get(definition.key()));
		}
		catch (MissingExchangeRateException ex) {
			return new KpiValue(definition.key(), null, definition.unit(), KpiValue.Status.NO_EXCHANGE_RATE,
					Map.of("error", ex.getMessage()), null, null);
		}
	}

	/** The KPI split by the dimension it computes per group itself (stage, heard-from channel). */
	public List<KpiGroupValue> computeGroups(KpiDefinition definition, KpiInputs inputs) {
		if (definition.groupsFunction() == null) {
			throw new IllegalArgumentException(definition.key() + " does not split itself by a dimension");
		}
		try {
			List<KpiGroupValue> groups = new ArrayList<>();
			definition.groupsFunction()
				.apply(inputs)
				.forEach((group, measurement) -> groups
					.add(new KpiGroupValue(Map.of(definition.intrinsicDimension(), group), measurement.value(),
							measurement.status(), measurement.components())));
			return groups;
		}
		catch (MissingExchangeRateException ex) {
			return List.of(new KpiGroupValue(Map.of(), null, KpiValue.Status.NO_EXCHANGE_RATE,
					Map.of("error", ex.getMessage())));
		}
	}

	// ---------------------------------------------------------------- sales

	private void declareSales() {
		kpi("sales.deals_won", COUNT, "Deals won in the period", "deals won in period", DEAL_DIMENSIONS,
				Set.of(SALES), List.of(),
				// KPIS.md sales.deals_won: deals won in period
				(in) -> count(in.sales().getDealsWon(), "dealsWon"));

		kpi("sales.deals_lost", COUNT, "Deals lost in the period", "deals lost in period; per lossReason",
				concat(DEAL_DIMENSIONS, "lossReason"), Set.of(SALES), List.of("lossReason"),
				// KPIS.md sales.deals_lost: deals lost in period
				(in) -> count(in.sales().getDealsLost(), "dealsLost"));

		kpi("sales.win_rate", RATIO, "Share of the deals closed in the period that were won",
				"won ÷ (won + lost), both in period", DEAL_DIMENSIONS, Set.of(SALES), List.of("team"),
				// KPIS.md sales.win_rate: won ÷ (won + lost)
				(in) -> ratio(in.sales().getDealsWon(), in.sales().getDealsWon() + in.sales().getDealsLost()));

		kpi("sales.revenue", MONEY, "Revenue from the deals won in the period", "Σ amount of deals won in period",
				DEAL_DIMENSIONS, Set.of(SALES), List.of(), (in) -> {
					// KPIS.md sales.revenue: Σ amount of deals won in period
					BigDecimal revenue = money(in.sales().getRevenue());
					return Measurement.of(revenue, components("dealsWon", in.sales().getDealsWon(), "currency",
							currency()));
				});

		kpi("sales.revenue_growth", RATIO, "Revenue growth against the previous period of the same length",
				"(revenue − revenue of previous period) ÷ revenue of previous period", DEAL_DIMENSIONS,
				Set.of(SALES, PREVIOUS_SALES), List.of(), (in) -> {
					// KPIS.md sales.revenue_growth: (revenue − previous revenue) ÷ previous revenue
					BigDecimal revenue = money(in.sales().getRevenue());
					BigDecimal previous = money(in.previousSales().getRevenue());
					return Measurement.of(quotient(revenue.subtract(previous), previous),
							components("revenue", revenue, "previousRevenue", previous, "previousFrom",
									in.period().previous().from(), "previousTo", in.period().previous().to(),
									"currency", currency()));
				});

		kpi("sales.average_deal_value", MONEY, "Mean amount of the deals won in the period",
				"revenue ÷ deals won, in period", DEAL_DIMENSIONS, Set.of(SALES), List.of(), (in) -> {
					// KPIS.md sales.average_deal_value: revenue ÷ deals won
					BigDecimal revenue = money(in.sales().getRevenue());
					return fraction(revenue, decimal(in.sales().getDealsWon()), "currency", currency());
				});

		kpi("sales.upsell_rate", RATIO,
				"Share of the customers active at the start that bought an upsell or cross-sell in the period",
				"distinct accounts with an UPSELL or CROSS_SELL deal won in period ÷ customers active at from",
				ACCOUNT_DIMENSIONS, Set.of(SALES), List.of(),
				// KPIS.md sales.upsell_rate: upsell accounts ÷ customers active at from
				(in) -> ratio(in.sales().getUpsellAccounts(), in.sales().getCustomersActiveAtFrom()));

		kpi("sales.cycle_length_days", DAYS, "Mean days from creation to win of the deals won in the period",
				"mean of (wonAt − createdAt) over deals won in period", DEAL_DIMENSIONS, Set.of(SALES), List.of(),
				// KPIS.md sales.cycle_length_days: mean (wonAt − createdAt), days
				(in) -> meanOf(in.sales().getCycle(), MILLIS_PER_DAY, "deals"));

		kpi("sales.lead_to_customer_days", DAYS,
				"Mean days from lead creation to win, over deals won in the period that came from a lead",
				"mean of (wonAt − leadCreatedAt) over deals won in period that came from a converted lead",
				DEAL_DIMENSIONS, Set.of(SALES), List.of(),
				// KPIS.md sales.lead_to_customer_days: mean (wonAt − leadCreatedAt), days
				(in) -> meanOf(in.sales().getLeadToCustomer(), MILLIS_PER_DAY, "deals"));

		kpiSplitBy("sales.stage_duration_days", DAYS,
				"Mean days deals spent in each stage; the stage with the highest mean is the bottleneck",
				"per stage: mean of (exitedAt − enteredAt) over stage visits that ended in period",
				Set.of(SALES), "stage", this::stageDurations, (in) -> {
					// KPIS.md sales.stage_duration_days: overall, the mean over every visit that ended in period
					long total = 0;
					long count = 0;
					for (StageFacts stage : in.sales().getStagesList()) {
						total += stage.getVisitsEnded().getTotalMillis();
						count += stage.getVisitsEnded().getCount();
					}
					Map<String, Measurement> stages = stageDurations(in);
					String bottleneck = bottleneck(stages);
					List<Map<String, Object>> perStage = new ArrayList<>();
					stages.forEach((stage, measurement) -> {
						Map<String, Object> row = new LinkedHashMap<>();
						row.put("stage", stage);
						row.put("value", measurement.value());
						row.putAll(measurement.components());
						perStage.add(row);
					});
					return Measurement.of(quotient(decimal(total), decimal(count).multiply(decimal(MILLIS_PER_DAY))),
							components("visits", count, "totalMillis", total, "bottleneck", bottleneck, "stages",
									perStage));
				});

		kpiSplitBy("sales.stage_win_probability", RATIO,
				"Per stage, the share of the deals closed in the period that entered it and were won, beside the configured probability",
				"per stage: of deals closed in period that ever entered the stage, the share that were won",
				Set.of(SALES), "stage", this::stageWinProbabilities, (in) -> {
					// KPIS.md sales.stage_win_probability: overall, every closed deal entered the pipeline
					Measurement overall = ratio(in.sales().getDealsWon(),
							in.sales().getDealsWon() + in.sales().getDealsLost());
					List<Map<String, Object>> perStage = new ArrayList<>();
					stageWinProbabilities(in).forEach((stage, measurement) -> {
						Map<String, Object> row = new LinkedHashMap<>();
						row.put("stage", stage);
						row.put("value", measurement.value());
						row.putAll(measurement.components());
						perStage.add(row);
					});
					Map<String, Object> components = new LinkedHashMap<>(overall.components());
					components.put("stages", perStage);
					return Measurement.of(overall.value(), components);
				});

		kpi("sales.pipeline_value", MONEY, "Amount of the deals open at the end of the period",
				"Σ amount of deals open at to (created before to, not won or lost before to)",
				concat(DEAL_DIMENSIONS, "stage"), Set.of(SALES), List.of(), "stage", (in) -> {
					// KPIS.md sales.pipeline_value: Σ amount of deals open at to
					return Measurement.of(money(in.sales().getPipelineValue()),
							components("openDeals", in.sales().getOpenDeals(), "currency", currency()));
				}, (in) -> {
					Map<String, Measurement> stages = new LinkedHashMap<>();
					for (StageFacts stage : in.sales().getStagesList()) {
						stages.put(stage.getStage(), Measurement.of(money(stage.getOpenAmountAtTo()),
								components("openDeals", stage.getOpenDealsAtTo(), "currency", currency())));
					}
					return stages;
				});

		kpi("sales.weighted_pipeline", MONEY,
				"Open deal amounts weighted by the configured probability of the stage each is in",
				"Σ amount × configured stage probability of deals open at to, using the stage each was in at to",
				concat(DEAL_DIMENSIONS, "stage"), Set.of(SALES), List.of(), "stage", (in) -> {
					// KPIS.md sales.weighted_pipeline: Σ amount × stage probability, open at to
					BigDecimal weighted = BigDecimal.ZERO;
					for (Measurement stage : weightedStages(in).values()) {
						weighted = weighted.add(stage.value());
					}
					return Measurement.of(weighted, components("openDeals", in.sales().getOpenDeals(), "currency",
							currency()));
				}, this::weightedStages);

		kpi("sales.lead_response_hours", HOURS, "Mean hours from lead creation to first contact",
				"mean of (firstContactAt − createdAt) over leads first contacted in period", LEAD_DIMENSIONS,
				Set.of(MARKETING), List.of(),
				// KPIS.md sales.lead_response_hours: mean (firstContactAt − createdAt), hours
				(in) -> meanOf(in.marketing().getFirstContact(), MILLIS_PER_HOUR, "leads"));
	}

	private Map<String, Measurement> stageDurations(KpiInputs in) {
		Map<String, Measurement> stages = new LinkedHashMap<>();
		for (StageFacts stage : in.sales().getStagesList()) {
			// KPIS.md sales.stage_duration_days: mean (exitedAt − enteredAt) of visits ended in period
			stages.put(stage.getStage(), meanOf(stage.getVisitsEnded(), MILLIS_PER_DAY, "visits"));
		}
		String bottleneck = bottleneck(stages);
		Map<String, Measurement> flagged = new LinkedHashMap<>();
		stages.forEach((stage, measurement) -> {
			Map<String, Object> components = new LinkedHashMap<>(measurement.components());
			components.put("bottleneck", stage.equals(bottleneck));
			flagged.put(stage, Measurement.of(measurement.value(), components));
		});
		return flagged;
	}

	/** The stage with the highest mean duration; on a tie the earlier stage in the pipeline. */
	static String bottleneck(Map<String, Measurement> stages) {
		String bottleneck = null;
		BigDecimal highest = null;
		for (Map.Entry<String, Measurement> stage : stages.entrySet()) {
			BigDecimal mean = stage.getValue().value();
			if (mean != null && (highest == null || mean.compareTo(highest) > 0)) {
				highest = mean;
				bottleneck = stage.getKey();
			}
		}
		return bottleneck;
	}

	private Map<String, Measurement> stageWinProbabilities(KpiInputs in) {
		Map<String, Measurement> stages = new LinkedHashMap<>();
		for (StageFacts stage : in.sales().getStagesList()) {
			// KPIS.md sales.stage_win_probability: won ÷ closed, of deals that entered the stage
			BigDecimal learned = quotient(stage.getWonDealsEntered(), stage.getClosedDealsEntered());
			stages.put(stage.getStage(),
					Measurement.of(learned,
							components("wonDealsEntered", stage.getWonDealsEntered(), "closedDealsEntered",
									stage.getClosedDealsEntered(), "configuredProbability",
									decimal(stage.getConfiguredProbability()))));
		}
		return stages;
	}

	private Map<String, Measurement> weightedStages(KpiInputs in) {
		Map<String, Measurement> stages = new LinkedHashMap<>();
		for (StageFacts stage : in.sales().getStagesList()) {
			BigDecimal amount = money(stage.getOpenAmountAtTo());
			BigDecimal probability = decimal(stage.getConfiguredProbability());
			stages.put(stage.getStage(), Measurement.of(amount.multiply(probability),
					components("openAmount", amount, "probability", probability, "openDeals",
							stage.getOpenDealsAtTo(), "currency", currency())));
		}
		return stages;
	}

	// ---------------------------------------------------------------- marketing

	private void declareMarketing() {
		kpi("marketing.new_leads", COUNT, "Leads created in the period", "leads created in period", LEAD_DIMENSIONS,
				Set.of(MARKETING), List.of("channel"),
				// KPIS.md marketing.new_leads: leads created in period
				(in) -> count(in.marketing().getNewLeads(), "newLeads"));

		kpi("marketing.lead_conversion_rate", RATIO, "Share of the leads created in the period converted in it",
				"leads created in period and converted in period ÷ leads created in period", LEAD_DIMENSIONS,
				Set.of(MARKETING), List.of("channel"),
				// KPIS.md marketing.lead_conversion_rate: converted ÷ created, both in period
				(in) -> ratio(in.marketing().getNewLeadsConverted(), in.marketing().getNewLeads()));

		kpi("marketing.spend", MONEY, "Campaign spend dated in the period", "Σ campaign spend entries dated in period",
				CAMPAIGN_DIMENSIONS, Set.of(MARKETING), List.of("channel"),
				// KPIS.md marketing.spend: Σ spend entries dated in period
				(in) -> Measurement.of(money(in.marketing().getSpend()), components("currency", currency())));

		kpi("marketing.new_customers", COUNT, "Accounts that became customers in the period",
				"new customers in period (customerSince ∈ [from, to))", concat(ACCOUNT_DIMENSIONS, "campaign", "channel"),
				Set.of(SALES), List.of(),
				// KPIS.md marketing.new_customers: customerSince in period
				(in) -> count(in.sales().getNewCustomers(), "newCustomers"));

		kpi("marketing.cac", MONEY, "Customer acquisition cost",
				"(spend + crm.kpi.sales-acquisition-cost-per-month × months) ÷ new customers, in period; per campaign or channel: that group's spend ÷ its new customers",
				CAMPAIGN_DIMENSIONS, Set.of(MARKETING, SALES), List.of("channel"), this::cac);

		kpi("marketing.acquired_customer_value", MONEY, "What the customers won in the period bought in it, per customer",
				"Σ amount of deals won in period by new customers in period ÷ new customers in period",
				concat(ACCOUNT_DIMENSIONS, "campaign", "channel"), Set.of(SALES), List.of(), (in) -> {
					// KPIS.md marketing.acquired_customer_value: new customers' revenue ÷ new customers
					BigDecimal revenue = money(in.sales().getRevenueFromNewCustomers());
					return fraction(revenue, decimal(in.sales().getNewCustomers()), "currency", currency());
				});

		kpi("marketing.cac_payback_months", MONTHS, "Months of margin a new customer takes to repay its CAC",
				"CAC ÷ (ARPA × crm.kpi.gross-margin), ARPA = revenue ÷ distinct accounts with a deal won in period ÷ months",
				List.of("campaign"), Set.of(MARKETING, SALES), List.of(), this::cacPayback);

		kpi("marketing.clv", MONEY, "Customer lifetime value over the trailing year",
				"average purchase value × purchase frequency × average lifespan, over the trailing year [to − 365 days, to)",
				List.of(), Set.of(TRAILING_YEAR_SALES), List.of(), this::clv);

		kpi("marketing.campaign_revenue", MONEY, "Revenue of the deals won in the period that came from a campaign",
				"per campaign: Σ amount of deals won in period whose campaignId is the campaign", CAMPAIGN_DIMENSIONS,
				Set.of(SALES_BY_CAMPAIGN), List.of("campaign", "channel"), (in) -> {
					// KPIS.md marketing.campaign_revenue: Σ amount of won deals with the campaign's id
					return Measurement.of(campaignRevenue(in), components("campaigns", campaigns(in).size(),
							"currency", currency()));
				});

		kpi("marketing.campaign_roi", RATIO, "Return on campaign spend",
				"per campaign, and overall: (campaign revenue − spend) ÷ spend, in period", CAMPAIGN_DIMENSIONS,
				Set.of(SALES_BY_CAMPAIGN, MARKETING), List.of("campaign", "channel"), (in) -> {
					// KPIS.md marketing.campaign_roi: (campaign revenue − spend) ÷ spend
					BigDecimal revenue = campaignRevenue(in);
					BigDecimal spend = money(in.marketing().getSpend());
					return Measurement.of(quotient(revenue.subtract(spend), spend),
							components("campaignRevenue", revenue, "spend", spend, "currency", currency()));
				});

		kpi("marketing.email_open_rate", RATIO, "Share of delivered (campaign, lead) pairs that opened",
				"distinct (campaign, lead) pairs with OPENED ÷ delivered pairs (SENT minus BOUNCED), events in period",
				CAMPAIGN_DIMENSIONS, Set.of(MARKETING), List.of(),
				// KPIS.md marketing.email_open_rate: opened pairs ÷ delivered pairs
				(in) -> ratio(in.marketing().getPairsOpened(), in.marketing().getPairsDelivered()));

		kpi("marketing.email_click_rate", RATIO, "Share of delivered (campaign, lead) pairs that clicked",
				"distinct pairs with CLICKED ÷ delivered pairs", CAMPAIGN_DIMENSIONS, Set.of(MARKETING), List.of(),
				// KPIS.md marketing.email_click_rate: clicked pairs ÷ delivered pairs
				(in) -> ratio(in.marketing().getPairsClicked(), in.marketing().getPairsDelivered()));

		kpi("marketing.email_response_rate", RATIO, "Share of delivered (campaign, lead) pairs that replied",
				"distinct pairs with REPLIED ÷ delivered pairs", CAMPAIGN_DIMENSIONS, Set.of(MARKETING), List.of(),
				// KPIS.md marketing.email_response_rate: replied pairs ÷ delivered pairs
				(in) -> ratio(in.marketing().getPairsReplied(), in.marketing().getPairsDelivered()));

		kpi("marketing.email_conversion_rate", RATIO, "Share of delivered pairs whose lead converted in the period",
				"delivered leads converted in period ÷ delivered pairs", CAMPAIGN_DIMENSIONS, Set.of(MARKETING),
				List.of(),
				// KPIS.md marketing.email_conversion_rate: delivered pairs converted ÷ delivered pairs
				(in) -> ratio(in.marketing().getDeliveredPairsConverted(), in.marketing().getPairsDelivered()));

		kpi("marketing.list_growth_rate", RATIO, "Net growth of the mailing list against its size at the start",
				"(SUBSCRIBED − UNSUBSCRIBED events in period) ÷ list size at from", List.of(), Set.of(MARKETING),
				List.of(),
				// KPIS.md marketing.list_growth_rate: (subscribed − unsubscribed) ÷ list size at from
				(in) -> ratio(in.marketing().getSubscribed() - in.marketing().getUnsubscribed(),
						in.marketing().getListSizeAtFrom()));
	}

	private Measurement cac(KpiInputs in) {
		// KPIS.md marketing.cac: (spend + sales acquisition cost per month × months) ÷ new customers
		BigDecimal spend = money(in.marketing().getSpend());
		// the sales cost is an overhead of the whole period: it is not split across campaigns or channels
		BigDecimal salesCost = in.isTotals()
				? this.settings.salesAcquisitionCostPerMonth().multiply(in.period().months()) : BigDecimal.ZERO;
		long newCustomers = in.sales().getNewCustomers();
		return Measurement.of(quotient(spend.add(salesCost), decimal(newCustomers)),
				components("spend", spend, "salesAcquisitionCost", salesCost, "months", in.period().months(),
						"newCustomers", newCustomers, "currency", currency()));
	}

	private Measurement cacPayback(KpiInputs in) {
		// KPIS.md marketing.cac_payback_months: CAC ÷ (ARPA × gross margin), ARPA = revenue ÷ accounts ÷ months
		Measurement cac = cac(in);
		BigDecimal revenue = money(in.sales().getRevenue());
		long accounts = in.sales().getAccountsWithWonDeal();
		BigDecimal months = in.period().months();
		BigDecimal margin = this.settings.grossMargin();
		BigDecimal arpa = quotient(quotient(revenue, decimal(accounts)), months);
		BigDecimal payback = (cac.value() == null || arpa == null) ? null
				: quotient(cac.value(), arpa.multiply(margin));
		return Measurement.of(payback, components("cac", cac.value(), "arpa", arpa, "grossMargin", margin, "revenue",
				revenue, "accountsWithWonDeal", accounts, "months", months, "currency", currency()));
	}

	private Measurement clv(KpiInputs in) {
		// KPIS.md marketing.clv: purchase value × frequency × lifespan, each over the trailing year
		SalesGroupFacts year = in.trailingYearSales();
		BigDecimal revenue = money(year.getRevenue());
		long won = year.getDealsWon();
		long accounts = year.getAccountsWithWonDeal();
		BigDecimal purchaseValue = quotient(revenue, decimal(won));
		BigDecimal frequency = quotient(won, accounts);
		// lifespan = 1 ÷ annual churn rate = active at the year's start ÷ churned in it
		BigDecimal churnRate = quotient(year.getCustomersChurned(), year.getCustomersActiveAtFrom());
		BigDecimal lifespan;
		BigDecimal clv;
		if (year.getCustomersChurned() == 0) {
			lifespan = this.settings.defaultLifespanYears();
			clv = quotient(revenue.multiply(lifespan), decimal(accounts));
		}
		else {
			lifespan = quotient(year.getCustomersActiveAtFrom(), year.getCustomersChurned());
			// value × frequency × lifespan = revenue × active ÷ (accounts × churned): one rounding, not three
			clv = (churnRate == null) ? null
					: quotient(revenue.multiply(decimal(year.getCustomersActiveAtFrom())),
							decimal(accounts).multiply(decimal(year.getCustomersChurned())));
		}
		Period trailing = in.period().trailingYear();
		return Measurement.of(clv,
				components("averagePurchaseValue", purchaseValue, "purchaseFrequency", frequency, "lifespanYears",
						(churnRate == null && year.getCustomersChurned() > 0) ? null : lifespan, "annualChurnRate",
						churnRate, "trailingFrom", trailing.from(), "trailingTo", trailing.to(), "currency",
						currency()));
	}

	private BigDecimal campaignRevenue(KpiInputs in) {
		BigDecimal revenue = BigDecimal.ZERO;
		for (SalesGroupFacts campaign : campaigns(in)) {
			revenue = revenue.add(money(campaign.getRevenue()));
		}
		return revenue;
	}

	/** The per-campaign sales facts of real campaigns (deals without a campaign are not campaign revenue). */
	private static Collection<SalesGroupFacts> campaigns(KpiInputs in) {
		Map<String, SalesGroupFacts> campaigns = new TreeMap<>(in.salesByCampaign());
		campaigns.remove(KpiInputs.NO_VALUE);
		campaigns.remove("");
		return campaigns.values();
	}

	// ---------------------------------------------------------------- support and retention

	private void declareSupportAndRetention() {
		kpi("support.nps", SCORE, "Net promoter score, −100 … 100",
				"over NPS responses (0–10) in period: 100 × (promoters (9–10) − detractors (0–6)) ÷ responses",
				List.of(), Set.of(SUPPORT), List.of(), (in) -> {
					// KPIS.md support.nps: 100 × (promoters − detractors) ÷ responses
					long promoters = in.support().getNpsPromoters();
					long passives = in.support().getNpsPassives();
					long detractors = in.support().getNpsDetractors();
					long responses = promoters + passives + detractors;
					return Measurement.of(quotient(decimal(100 * (promoters - detractors)), decimal(responses)),
							components("promoters", promoters, "passives", passives, "detractors", detractors,
									"responses", responses));
				});

		kpi("support.csat", RATIO, "Share of CSAT responses scoring 4 or 5",
				"over CSAT responses (1–5) in period: responses scoring 4 or 5 ÷ responses", List.of(),
				Set.of(SUPPORT), List.of(),
				// KPIS.md support.csat: satisfied (4–5) ÷ responses
				(in) -> ratio(in.support().getCsatSatisfied(), in.support().getCsatResponses()));

		kpi("support.first_response_hours", HOURS, "Mean hours from ticket creation to first public reply",
				"mean of (firstResponseAt − createdAt) over tickets first answered in period", TICKET_DIMENSIONS,
				Set.of(SUPPORT), List.of(),
				// KPIS.md support.first_response_hours: mean (firstResponseAt − createdAt), hours
				(in) -> meanOf(in.support().getFirstResponse(), MILLIS_PER_HOUR, "tickets"));

		kpi("support.resolution_hours", HOURS, "Mean hours from ticket creation to first resolution",
				"mean of (resolvedAt − createdAt) over tickets first resolved in period", TICKET_DIMENSIONS,
				Set.of(SUPPORT), List.of(),
				// KPIS.md support.resolution_hours: mean (resolvedAt − createdAt), hours
				(in) -> meanOf(in.support().getResolution(), MILLIS_PER_HOUR, "tickets"));

		kpi("support.sla_compliance", RATIO, "Share of the tickets first resolved in the period within their SLA",
				"tickets first resolved in period by their resolution deadline ÷ tickets first resolved in period",
				TICKET_DIMENSIONS, Set.of(SUPPORT), List.of(),
				// KPIS.md support.sla_compliance: resolved within SLA ÷ resolved
				(in) -> ratio(in.support().getResolvedWithinSla(), in.support().getResolution().getCount()));

		kpi("support.tickets_opened", COUNT, "Tickets created in the period", "tickets created in period",
				TICKET_DIMENSIONS, Set.of(SUPPORT), List.of(),
				// KPIS.md support.tickets_opened: tickets created in period
				(in) -> count(in.support().getTicketsOpened(), "ticketsOpened"));

		kpi("support.backlog", COUNT, "Tickets open at the end of the period", "tickets open at to", TICKET_DIMENSIONS,
				Set.of(SUPPORT), List.of(),
				// KPIS.md support.backlog: tickets open at to
				(in) -> count(in.support().getBacklogAtTo(), "openTickets"));

		kpi("customer.churn_rate", RATIO, "Share of the customers active at the start who churned in the period",
				"customers whose churnedAt ∈ period ÷ customers active at from", ACCOUNT_DIMENSIONS, Set.of(SALES),
				List.of(),
				// KPIS.md customer.churn_rate: churned in period ÷ active at from
				(in) -> ratio(in.sales().getCustomersChurned(), in.sales().getCustomersActiveAtFrom()));

		kpi("customer.retention_rate", RATIO, "Share of the customers active at the start still active at the end",
				"(customers active at to − new customers in period who are active at to) ÷ customers active at from",
				ACCOUNT_DIMENSIONS, Set.of(SALES), List.of(),
				// KPIS.md customer.retention_rate: (active at to − new and active at to) ÷ active at from
				(in) -> ratio(in.sales().getCustomersActiveAtTo() - in.sales().getNewCustomersActiveAtTo(),
						in.sales().getCustomersActiveAtFrom()));

		kpiSplitBy("customer.heard_from", COUNT, "Answers to \"how did you hear about us\", per channel",
				"per channel: survey answers to \"how did you hear about us\" in period", Set.of(SUPPORT), "channel",
				(in) -> {
					Map<String, Measurement> channels = new LinkedHashMap<>();
					new TreeMap<>(in.support().getHeardFromMap()).forEach((channel, answers) -> channels.put(channel,
							// KPIS.md customer.heard_from: answers per channel in period
							count(answers, "answers")));
					return channels;
				}, (in) -> {
					long answers = in.support().getHeardFromMap().values().stream().mapToLong(Long::longValue).sum();
					return count(answers, "answers");
				});
	}

	// ---------------------------------------------------------------- whole CRM

	private void declareWholeCrm() {
		kpi("crm.roi", RATIO, "Return on the CRM's own cost (NO_DATA until crm.kpi.roi.monthly-cost is configured)",
				"(gain − cost) ÷ cost; gain = (revenue − baseline monthly revenue × months) + hours saved per month × hourly value × months; cost = monthly cost × months",
				List.of(), Set.of(SALES), List.of(), (in) -> {
					KpiProperties.Roi roi = this.settings.roi();
					if (!roi.configured()) {
						return Measurement.of(null, components("reason", "crm.kpi.roi.monthly-cost is not configured"));
					}
					// KPIS.md crm.roi: (gain − cost) ÷ cost over the period
					BigDecimal months = in.period().months();
					BigDecimal revenue = money(in.sales().getRevenue());
					BigDecimal gain = revenue.subtract(roi.baselineMonthlyRevenue().multiply(months))
						.add(roi.hoursSavedPerMonth().multiply(roi.hourlyValue()).multiply(months));
					BigDecimal cost = roi.monthlyCost().multiply(months);
					return Measurement.of(quotient(gain.subtract(cost), cost), components("gain", gain, "cost", cost,
							"revenue", revenue, "months", months, "currency", currency()));
				});
	}

	// ---------------------------------------------------------------- building blocks

	private void kpi(String key, String unit, String description, String formula, List<String> dimensions,
			Set<FactsNeed> needs, List<String> metricDimensions, Function<KpiInputs, Measurement> function) {
		kpi(key, unit, description, formula, dimensions, needs, metricDimensions, null, function, null);
	}

	private void kpiSplitBy(String key, String unit, String description, String formula, Set<FactsNeed> needs,
			String dimension, Function<KpiInputs, Map<String, Measurement>> groups,
			Function<KpiInputs, Measurement> total) {
		kpi(key, unit, description, formula, List.of(dimension), needs, List.of(dimension), dimension, total, groups);
	}

	private void kpi(String key, String unit, String description, String formula, List<String> dimensions,
			Set<FactsNeed> needs, List<String> metricDimensions, String intrinsicDimension,
			Function<KpiInputs, Measurement> function, Function<KpiInputs, Map<String, Measurement>> groups) {
		this.definitions.put(key, new KpiDefinition(key, unit, description, formula, List.copyOf(dimensions),
				Set.copyOf(needs), List.copyOf(metricDimensions), intrinsicDimension, function, groups));
	}

	private BigDecimal money(MoneySum sum) {
		return this.money.toReporting(sum);
	}

	private static Measurement count(long count, String component) {
		return Measurement.of(decimal(count), components(component, count));
	}

	private static Measurement ratio(long numerator, long denominator) {
		return Measurement.of(quotient(numerator, denominator),
				components("numerator", numerator, "denominator", denominator));
	}

	private static Measurement fraction(BigDecimal numerator, BigDecimal denominator, Object... more) {
		Map<String, Object> components = components("numerator", numerator, "denominator", denominator);
		components.putAll(components(more));
		return Measurement.of(quotient(numerator, denominator), components);
	}

	private static Measurement meanOf(DurationStats durations, long unitMillis, String counted) {
		return Measurement.of(mean(durations, unitMillis),
				components("totalMillis", durations.getTotalMillis(), counted, durations.getCount()));
	}

	/** Components in the order given; null values stay (an undefined component is worth showing). */
	static Map<String, Object> components(Object... keysAndValues) {
		Map<String, Object> components = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			components.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return components;
	}

	private static List<String> concat(List<String> dimensions, String... more) {
		List<String> all = new ArrayList<>(dimensions);
		all.addAll(List.of(more));
		return all;
	}
}
