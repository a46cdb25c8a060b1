package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pulsecrm.kpi.facts.Money;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;

import org.springframework.stereotype.Component;

/** Every KPI the service knows, with a pure function from facts to value. */
@Component
public class KpiCatalog {

	public static final KpiDefinition DEALS_WON = new KpiDefinition("sales.deals_won", "count",
			"Deals won in the period", "deals won in period", Set.of(), Set.of("sales"));

	public static final KpiDefinition REVENUE = new KpiDefinition("sales.revenue", "money",
			"Revenue from deals won in the period", "Σ amount of deals won in period", Set.of(), Set.of("sales"));

	private final Money money;

	public KpiCatalog(Money money) {
		this.money = money;
	}

	public List<KpiDefinition> definitions() {
		return List.of(DEALS_WON, REVENUE);
	}

	/** The sales KPIs over one group of facts. */
	public List<KpiValue> sales(SalesGroupFacts facts) {
		// KPIS.md sales.deals_won: deals won in period
		KpiValue won = new KpiValue(DEALS_WON.key(), BigDecimal.valueOf(facts.getDealsWon()), DEALS_WON.unit(),
				KpiValue.Status.OK, Map.of("dealsWon", facts.getDealsWon()));
		// KPIS.md sales.revenue: Σ amount of deals won in period
		BigDecimal revenue = this.money.toReporting(facts.getRevenue());
		Map<String, Object> components = new LinkedHashMap<>();
		components.put("dealsWon", facts.getDealsWon());
		components.put("currency", this.money.currency());
		KpiValue rev = new KpiValue(REVENUE.key(), revenue, REVENUE.unit(), KpiValue.Status.OK, components);
		return List.of(won, rev);
	}
}
