package dev.pulsecrm.kpi.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.pulsecrm.kpi.facts.FactsNeed;

/**
 * A KPI as the catalogue declares it once: key, unit, description, formula (as in KPIS.md), the dimensions it can
 * be split by, the facts it needs, the labels its Prometheus series carry, and the pure function from facts to value.
 *
 * @param dimensions         what {@code groupBy} accepts
 * @param needs              the facts calls the formula reads
 * @param metricDimensions   the dimensions published as Prometheus labels beside {@code window}
 * @param intrinsicDimension the dimension the formula splits by itself from the totals (e.g. {@code stage} from
 *                           the stage list of the sales facts), or {@code null}
 * @param formulaFunction    facts of one group → value and components
 * @param groupsFunction     for the intrinsic dimension: facts → value per group value, or {@code null}
 */
public record KpiDefinition(String key, String unit, String description, String formula, List<String> dimensions,
		Set<FactsNeed> needs, List<String> metricDimensions, String intrinsicDimension,
		Function<KpiInputs, Measurement> formulaFunction,
		Function<KpiInputs, Map<String, Measurement>> groupsFunction) {

	/** The names of the sources this KPI reads ({@code sales}, {@code marketing}, {@code support}). */
	public Set<String> sources() {
		Set<String> sources = new TreeSet<>();
		this.needs.forEach((need) -> sources.add(need.source().key()));
		return sources;
	}

	public boolean supports(String dimension) {
		return this.dimensions.contains(dimension);
	}

	public boolean splitsItselfBy(String dimension) {
		return dimension.equals(this.intrinsicDimension);
	}
}
