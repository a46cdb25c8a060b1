package dev.pulsecrm.kpi.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.pulsecrm.kpi.catalog.KpiCatalog;
import dev.pulsecrm.kpi.catalog.KpiDefinition;
import dev.pulsecrm.kpi.catalog.KpiGroupValue;
import dev.pulsecrm.kpi.catalog.KpiInputs;
import dev.pulsecrm.kpi.catalog.KpiValue;
import dev.pulsecrm.kpi.catalog.SalesFactsSum;
import dev.pulsecrm.kpi.facts.FactsFetcher;
import dev.pulsecrm.kpi.facts.FactsNeed;
import dev.pulsecrm.kpi.facts.FetchedFacts;
import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.kpi.facts.SourceState;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;

import org.springframework.stereotype.Service;

/**
 * Computes the catalogue for a period from the sources' facts, asking only for the facts the requested KPIs need;
 * a source that is down only blanks its own KPIs.
 */
@Service
public class KpiService {

	private final KpiCatalog catalog;

	private final FactsFetcher facts;

	private final Clock clock;

	public KpiService(KpiCatalog catalog, FactsFetcher facts, Clock clock) {
		this.catalog = catalog;
		this.facts = facts;
		this.clock = clock;
	}

	public KpiSnapshot snapshot(Period period, List<KpiDefinition> definitions) {
		return computeTotals(period, definitions, this.facts.start(period, needs(definitions), "")).snapshot();
	}

	/** One KPI split by {@code dimension}: 400 when the KPI cannot be split so, 503 when a source is down. */
	public KpiBreakdown breakdown(Period period, KpiDefinition definition, String dimension) {
		List<KpiGroupValue> groups;
		if (dimension == null || dimension.isBlank()) {
			Totals totals = computeTotals(period, List.of(definition),
					this.facts.start(period, definition.needs(), ""));
			requireAnswered(totals.facts(), definition.needs());
			KpiValue value = totals.snapshot().kpis().get(0);
			groups = List.of(new KpiGroupValue(Map.of(), value.value(), value.status(), value.components()));
			return new KpiBreakdown(definition.key(), definition.unit(), period.from(), period.to(), null, groups);
		}
		if (!definition.supports(dimension)) {
			throw ProblemException.badRequest("groupBy", definition.key() + " cannot be split by '" + dimension
					+ "'; it supports " + (definition.dimensions().isEmpty() ? "no dimension" : definition.dimensions()));
		}
		if (definition.splitsItselfBy(dimension)) {
			Totals totals = computeTotals(period, List.of(definition),
					this.facts.start(period, definition.needs(), ""));
			requireAnswered(totals.facts(), definition.needs());
			groups = this.catalog.computeGroups(definition, totals.inputs());
		}
		else {
			Set<FactsNeed> needs = groupedNeeds(definition.needs(), dimension);
			FetchedFacts fetched = this.facts.fetch(period, needs, dimension);
			requireAnswered(fetched, needs);
			groups = new ArrayList<>();
			for (KpiInputs inputs : groupedInputs(period, fetched, dimension).values()) {
				groups.add(groupValue(definition, inputs));
			}
		}
		return new KpiBreakdown(definition.key(), definition.unit(), period.from(), period.to(), dimension, groups);
	}

	/** One value per bucket; every bucket's facts calls are made side by side. 503 when a source is down. */
	public List<SeriesPoint> series(KpiDefinition definition, List<Period> buckets) {
		List<FetchedFacts> fetched = this.facts.fetchAll(buckets, definition.needs(), "");
		List<SeriesPoint> points = new ArrayList<>();
		for (int i = 0; i < buckets.size(); i++) {
			Period bucket = buckets.get(i);
			requireAnswered(fetched.get(i), definition.needs());
			KpiValue value = this.catalog.compute(definition, totalsInputs(bucket, fetched.get(i)));
			points.add(new SeriesPoint(bucket.from(), bucket.to(), value.value(), value.status()));
		}
		return points;
	}

	/**
	 * Everything the Prometheus gauges publish for one window: every KPI's total and, per KPI, its groups for each
	 * of its metric dimensions. Never throws for a source that is down: its KPIs and groups are simply missing.
	 */
	public WindowValues window(Period period) {
		List<KpiDefinition> all = this.catalog.definitions();
		FactsFetcher.Pending totalsCall = this.facts.start(period, needs(all), "");
		// one grouped call set per dimension that is not split from the totals, all started before any is awaited
		Map<String, List<KpiDefinition>> byDimension = new TreeMap<>();
		for (KpiDefinition definition : all) {
			for (String dimension : definition.metricDimensions()) {
				if (!definition.splitsItselfBy(dimension)) {
					byDimension.computeIfAbsent(dimension, (d) -> new ArrayList<>()).add(definition);
				}
			}
		}
		Map<String, FactsFetcher.Pending> groupedCalls = new LinkedHashMap<>();
		byDimension.forEach((dimension, definitions) -> groupedCalls.put(dimension,
				this.facts.start(period, groupedNeeds(needs(definitions), dimension), dimension)));

		Totals totals = computeTotals(period, all, totalsCall);
		Map<String, Map<String, List<KpiGroupValue>>> groups = new LinkedHashMap<>();
		for (KpiDefinition definition : all) {
			String intrinsic = definition.intrinsicDimension();
			if (intrinsic != null && definition.metricDimensions().contains(intrinsic)
					&& totals.facts().answered(definition.needs())) {
				groups.computeIfAbsent(definition.key(), (k) -> new LinkedHashMap<>())
					.put(intrinsic, this.catalog.computeGroups(definition, totals.inputs()));
			}
		}
		Map<String, FetchedFacts> sourceStates = new LinkedHashMap<>();
		groupedCalls.forEach((dimension, pending) -> {
			FetchedFacts fetched = pending.join();
			sourceStates.put(dimension, fetched);
			Map<String, KpiInputs> inputs = null;
			for (KpiDefinition definition : byDimension.get(dimension)) {
				if (!fetched.answered(groupedNeeds(definition.needs(), dimension))) {
					continue;
				}
				if (inputs == null) {
					inputs = groupedInputs(period, fetched, dimension);
				}
				List<KpiGroupValue> values = new ArrayList<>();
				for (KpiInputs group : inputs.values()) {
					values.add(groupValue(definition, group));
				}
				groups.computeIfAbsent(definition.key(), (k) -> new LinkedHashMap<>()).put(dimension, values);
			}
		});
		// a source is up for the window only if every call to it (totals and grouped) answered
		Map<String, SourceState> sources = new LinkedHashMap<>(totals.snapshot().sources());
		sourceStates.values().forEach((fetched) -> fetched.sources().forEach((source, state) -> {
			if (state != SourceState.UP) {
				sources.put(source, state);
			}
		}));
		KpiSnapshot snapshot = totals.snapshot();
		return new WindowValues(
				new KpiSnapshot(snapshot.from(), snapshot.to(), snapshot.computedAt(), sources, snapshot.kpis()),
				groups);
	}

	/** A window's totals and groups: key → dimension → groups. */
	public record WindowValues(KpiSnapshot snapshot, Map<String, Map<String, List<KpiGroupValue>>> groups) {
	}

	// ---------------------------------------------------------------- totals

	private record Totals(KpiSnapshot snapshot, KpiInputs inputs, FetchedFacts facts) {
	}

	private Totals computeTotals(Period period, List<KpiDefinition> definitions, FactsFetcher.Pending call) {
		FetchedFacts fetched = call.join();
		KpiInputs inputs = totalsInputs(period, fetched);
		List<KpiValue> values = new ArrayList<>();
		for (KpiDefinition definition : definitions) {
			values.add(fetched.answered(definition.needs()) ? this.catalog.compute(definition, inputs)
					: KpiValue.unavailable(definition));
		}
		return new Totals(new KpiSnapshot(period.from(), period.to(), this.clock.instant(), fetched.sources(), values),
				inputs, fetched);
	}

	static KpiInputs totalsInputs(Period period, FetchedFacts fetched) {
		Map<String, SalesGroupFacts> byCampaign = new TreeMap<>();
		fetched.<SalesFactsReply>reply(FactsNeed.SALES_BY_CAMPAIGN)
			.ifPresent((reply) -> reply.getGroupsList()
				.forEach((group) -> byCampaign.merge(valueOf(group.getGroupMap(), FactsFetcher.CAMPAIGN), group,
						(a, b) -> SalesFactsSum.of(List.of(a, b)))));
		return KpiInputs.empty(period)
			.withSales(fetched.<SalesFactsReply>reply(FactsNeed.SALES).map(KpiService::salesTotals).orElse(null))
			.withPreviousSales(
					fetched.<SalesFactsReply>reply(FactsNeed.PREVIOUS_SALES).map(KpiService::salesTotals).orElse(null))
			.withTrailingYearSales(fetched.<SalesFactsReply>reply(FactsNeed.TRAILING_YEAR_SALES)
				.map(KpiService::salesTotals)
				.orElse(null))
			.withSalesByCampaign(byCampaign)
			.withMarketing(fetched.<MarketingFactsReply>reply(FactsNeed.MARKETING)
				.map((reply) -> (reply.getGroupsCount() > 0) ? reply.getGroups(0) : null)
				.orElse(null))
			.withSupport(fetched.<SupportFactsReply>reply(FactsNeed.SUPPORT)
				.map((reply) -> (reply.getGroupsCount() > 0) ? reply.getGroups(0) : null)
				.orElse(null));
	}

	private static SalesGroupFacts salesTotals(SalesFactsReply reply) {
		return (reply.getGroupsCount() > 0) ? reply.getGroups(0) : null;
	}

	// ---------------------------------------------------------------- groups

	private KpiGroupValue groupValue(KpiDefinition definition, KpiInputs inputs) {
		KpiValue value = this.catalog.compute(definition, inputs);
		return new KpiGroupValue(inputs.group(), value.value(), value.status(), value.components());
	}

	/** A split by channel reads sales by campaign, so it also needs marketing's campaign → channel map. */
	static Set<FactsNeed> groupedNeeds(Set<FactsNeed> needs, String dimension) {
		Set<FactsNeed> grouped = EnumSet.noneOf(FactsNeed.class);
		grouped.addAll(needs);
		boolean readsSales = needs.stream().anyMatch((need) -> need.source() == FactsNeed.Source.SALES);
		if (FactsFetcher.CHANNEL.equals(dimension) && readsSales) {
			grouped.add(FactsNeed.MARKETING);
		}
		return grouped;
	}

	/** Per value of {@code dimension}, the inputs of that group; a group a source has no data for reads zeros. */
	static Map<String, KpiInputs> groupedInputs(Period period, FetchedFacts fetched, String dimension) {
		boolean byChannel = FactsFetcher.CHANNEL.equals(dimension);
		Map<String, String> campaignChannels = fetched.<MarketingFactsReply>reply(FactsNeed.MARKETING)
			.map(MarketingFactsReply::getCampaignChannelsMap)
			.orElse(Map.of());
		Set<String> values = new TreeSet<>();

		// sales split by the dimension; by channel: split by campaign, rolled up with the campaign → channel map
		Map<String, List<SalesGroupFacts>> sales = new TreeMap<>();
		Map<String, List<SalesGroupFacts>> previous = new TreeMap<>();
		Map<String, Map<String, SalesGroupFacts>> campaignsOfGroup = new TreeMap<>();
		fetched.<SalesFactsReply>reply(FactsNeed.SALES)
			.ifPresent((reply) -> collectSales(reply, dimension, campaignChannels, sales, null));
		fetched.<SalesFactsReply>reply(FactsNeed.PREVIOUS_SALES)
			.ifPresent((reply) -> collectSales(reply, dimension, campaignChannels, previous, null));
		if (FactsFetcher.CAMPAIGN.equals(dimension) || byChannel) {
			fetched.<SalesFactsReply>reply(FactsNeed.SALES_BY_CAMPAIGN)
				.ifPresent((reply) -> collectSales(reply, dimension, campaignChannels, new TreeMap<>(),
						campaignsOfGroup));
		}
		values.addAll(sales.keySet());
		values.addAll(campaignsOfGroup.keySet());

		Map<String, MarketingGroupFacts> marketing = new TreeMap<>();
		fetched.<MarketingFactsReply>reply(FactsNeed.MARKETING)
			.ifPresent((reply) -> reply.getGroupsList()
				.forEach((group) -> marketing.put(valueOf(group.getGroupMap(), dimension), group)));
		Map<String, SupportGroupFacts> support = new TreeMap<>();
		fetched.<SupportFactsReply>reply(FactsNeed.SUPPORT)
			.ifPresent((reply) -> reply.getGroupsList()
				.forEach((group) -> support.put(valueOf(group.getGroupMap(), dimension), group)));
		// by channel, a KPI that reads only sales still lists every marketing channel (with zero sales facts)
		values.addAll(marketing.keySet());
		values.addAll(support.keySet());

		Map<String, KpiInputs> inputs = new LinkedHashMap<>();
		for (String value : values) {
			inputs.put(value,
					KpiInputs.empty(period)
						.withGroup(Map.of(dimension, value))
						.withSales(SalesFactsSum.of(sales.getOrDefault(value, List.of())))
						.withPreviousSales(SalesFactsSum.of(previous.getOrDefault(value, List.of())))
						.withSalesByCampaign(campaignsOfGroup.getOrDefault(value, Map.of()))
						.withMarketing(marketing.get(value))
						.withSupport(support.get(value)));
		}
		return inputs;
	}

	private static void collectSales(SalesFactsReply reply, String dimension, Map<String, String> campaignChannels,
			Map<String, List<SalesGroupFacts>> byValue, Map<String, Map<String, SalesGroupFacts>> campaignsOfGroup) {
		boolean byChannel = FactsFetcher.CHANNEL.equals(dimension);
		for (SalesGroupFacts group : reply.getGroupsList()) {
			String value;
			String campaign = null;
			if (byChannel) {
				campaign = valueOf(group.getGroupMap(), FactsFetcher.CAMPAIGN);
				value = campaignChannels.getOrDefault(campaign, KpiInputs.NO_VALUE);
			}
			else {
				value = valueOf(group.getGroupMap(), dimension);
				if (FactsFetcher.CAMPAIGN.equals(dimension)) {
					campaign = value;
				}
			}
			byValue.computeIfAbsent(value, (v) -> new ArrayList<>()).add(group);
			if (campaignsOfGroup != null && campaign != null) {
				campaignsOfGroup.computeIfAbsent(value, (v) -> new TreeMap<>()).put(campaign, group);
			}
		}
	}

	/** A group's value for the dimension; a record without one (a deal without campaign) is {@code NONE}. */
	static String valueOf(Map<String, String> group, String dimension) {
		String value = group.get(dimension);
		return (value == null || value.isBlank()) ? KpiInputs.NO_VALUE : value;
	}

	// ---------------------------------------------------------------- helpers

	static Set<FactsNeed> needs(List<KpiDefinition> definitions) {
		Set<FactsNeed> needs = EnumSet.noneOf(FactsNeed.class);
		definitions.forEach((definition) -> needs.addAll(definition.needs()));
		return needs;
	}

	private static void requireAnswered(FetchedFacts fetched, Set<FactsNeed> needs) {
		if (!fetched.answered(needs)) {
			throw ProblemException.unavailable("a source this KPI needs is unavailable: " + fetched.failures().values());
		}
	}
}
