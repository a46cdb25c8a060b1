package dev.pulsecrm.marketing.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import org.bson.Document;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What leads, spend, engagement events and subscription changes add to the KPI rollups, one family per fact of
 * {@link MarketingFactsQueries}. Every contribution carries one dimension per {@code group_by}, named after it, with
 * the group value the facts reply uses ({@link FactsDimension#groupOf}: {@code "none"} when the record lacks it), so
 * a rollup group is a reply group as is. Everything a dimension needs was copied into the record at write time (a
 * spend entry's and an event's campaign channel, an event's lead region), so each contribution reads one document.
 */
@Configuration(proxyBeanMethods = false)
class MarketingRollups {

	/** Leads by {@code createdAt}: {@code n}. */
	static final String LEAD_NEW = "lead_new";

	/** Leads created and converted in the period: at the later, since the earlier of the two instants; {@code n}. */
	static final String LEAD_NEW_CONVERTED = "lead_new_converted";

	/** Leads by {@code firstContactAt}: {@code n} and {@code millis} (firstContactAt − createdAt). */
	static final String LEAD_FIRST_CONTACT = "lead_first_contact";


	/** Spend by {@code dayStart}: {@code n:<currency>} and {@code cents:<currency>}. */
	static final String SPEND = "spend";

	/** Subscription changes by {@code at}: one count per type ({@code SUBSCRIBED}, {@code UNSUBSCRIBED}). */
	static final String SUBSCRIPTION = "subscription";

	/** Separates campaign and lead in the key of a pair; lead ids are generated ObjectIds, never containing it. */
	static final char PAIR_SEPARATOR = '|';

	/**
	 * {@code SENT} and {@code BOUNCED} events by {@code at}, keyed by pair: pairs sent or bounced, of which those
	 * not bounced are the delivered ones (delivered = sent − bounced, a bounce counting only against its own send).
	 */
	static final String PAIR_SENT_OR_BOUNCED = "pair_SB";

	/**
	 * Anchored ({@link dev.pulsecrm.platform.rollup.RollupSource#anchoredFamilies}), keyed by pair: each
	 * {@code SENT} or {@code BOUNCED} event of a converted lead at {@code at}, and the lead's conversion as the
	 * anchor: pairs sent or bounced in the period whose lead converted in the period.
	 */
	static final String CONVERTED_SENT_OR_BOUNCED = "conv_SB";

	/** As {@link #CONVERTED_SENT_OR_BOUNCED}, for {@code BOUNCED} events only. */
	static final String CONVERTED_BOUNCED = "conv_B";

	/** sources version: 2 counts distinct pairs from chains and the conversion from the events' copy of it */
	private static final String VERSION = "2";

	/**
	 * Engagement events of one type by {@code at}, keyed by (campaign, lead) pair: {@code pair_SENT}, …; distinct
	 * families, so the pairs of a period are counted in O(days).
	 */
	static String pairFamily(EngagementType type) {
		return "pair_" + type.name();
	}

	/** The keyed families whose distinct keys are counted. */
	static Set<String> distinctPairFamilies() {
		Set<String> families = new TreeSet<>(Set.of(PAIR_SENT_OR_BOUNCED));
		for (EngagementType type : EngagementType.values()) {
			families.add(pairFamily(type));
		}
		return families;
	}

	static String pairKey(Object campaignId, Object leadId) {
		return campaignId + String.valueOf(PAIR_SEPARATOR) + leadId;
	}

	@Bean
	RollupSource leadRollups() {
		return source("leads", MarketingRollups::leadContributions);
	}

	@Bean
	RollupSource spendRollups() {
		return source("spend", MarketingRollups::spendContributions);
	}

	@Bean
	RollupSource engagementRollups() {
		return source("engagement_events", MarketingRollups::engagementContributions, distinctPairFamilies(),
				Set.of(CONVERTED_SENT_OR_BOUNCED, CONVERTED_BOUNCED));
	}

	@Bean
	RollupSource subscriptionRollups() {
		return source("subscriptions", MarketingRollups::subscriptionContributions);
	}

	static List<Contribution> leadContributions(Document lead) {
		List<Contribution> contributions = new ArrayList<>();
		Map<String, String> dims = dims(lead, (dimension) -> dimension.leadField);
		Instant created = instant(lead, "createdAt");
		Instant converted = instant(lead, "convertedAt");
		Instant firstContact = instant(lead, "firstContactAt");
		if (created != null) {
			contributions.add(Contribution.of(LEAD_NEW, created, dims, Map.of("n", 1L)));
		}
		if (created != null && converted != null) {
			// both in [from, to) ⇔ the later is before to and the earlier not before from
			Instant later = created.isAfter(converted) ? created : converted;
			Instant earlier = created.isAfter(converted) ? converted : created;
			contributions.add(Contribution.of(LEAD_NEW_CONVERTED, later, dims, Map.of("n", 1L)).withSince(earlier));
		}
		if (firstContact != null) {
			contributions.add(Contribution.of(LEAD_FIRST_CONTACT, firstContact, dims,
					Map.of("n", 1L, "millis", number(lead, "firstContactMillis"))));
		}
		return contributions;
	}

	static List<Contribution> spendContributions(Document spend) {
		Instant dayStart = instant(spend, "dayStart");
		if (dayStart == null) {
			return List.of();
		}
		String currency = String.valueOf(spend.get("currency"));
		// the count keeps a currency whose entries sum to 0.00 in the reply, as the scan's $group row did
		return List.of(Contribution.of(SPEND, dayStart, dims(spend, (dimension) -> dimension.spendField),
				Map.of("n:" + currency, 1L, "cents:" + currency, number(spend, "cents"))));
	}

	static List<Contribution> engagementContributions(Document event) {
		Instant at = instant(event, "at");
		Object type = event.get("type");
		if (at == null || type == null) {
			return List.of();
		}
		String family = "pair_" + type;
		if (!isFamily(family)) {
			return List.of();
		}
		Map<String, String> dims = dims(event, (dimension) -> dimension.eventField);
		String pair = pairKey(event.get("campaignId"), event.get("leadId"));
		List<Contribution> contributions = new ArrayList<>();
		contributions.add(new Contribution(family, at, dims, Map.of(), pair, null));
		boolean bounced = EngagementType.BOUNCED.name().equals(type);
		if (bounced || EngagementType.SENT.name().equals(type)) {
			contributions.add(new Contribution(PAIR_SENT_OR_BOUNCED, at, dims, Map.of(), pair, null));
			Instant leadConverted = instant(event, "leadConvertedAt");
			if (leadConverted != null) {
				List<String> families = bounced ? List.of(CONVERTED_SENT_OR_BOUNCED, CONVERTED_BOUNCED)
						: List.of(CONVERTED_SENT_OR_BOUNCED);
				for (String anchored : families) {
					contributions.add(new Contribution(anchored, at, dims, Map.of(), pair, null));
					contributions
						.add(new Contribution(anchored, leadConverted, dims, Map.of(Contribution.ANCHOR, 1L), pair, null));
				}
			}
		}
		return contributions;
	}

	static List<Contribution> subscriptionContributions(Document change) {
		Instant at = instant(change, "at");
		if (at == null) {
			return List.of();
		}
		return List.of(Contribution.of(SUBSCRIPTION, at, Map.of(), Map.of(String.valueOf(change.get("type")), 1L)));
	}

	private static boolean isFamily(String family) {
		for (EngagementType type : EngagementType.values()) {
			if (pairFamily(type).equals(family)) {
				return true;
			}
		}
		return false;
	}

	/** One dimension per group_by, with the reply's group value of the record's field. */
	private static Map<String, String> dims(Document stored, Function<FactsDimension, String> field) {
		Map<String, String> dims = new TreeMap<>();
		for (FactsDimension dimension : FactsDimension.values()) {
			if (dimension != FactsDimension.NONE) {
				dims.put(dimension.groupBy(), dimension.groupOf(stored.get(field.apply(dimension))));
			}
		}
		return dims;
	}

	private static Instant instant(Document stored, String field) {
		Object value = stored.get(field);
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	private static long number(Document stored, String field) {
		Object value = stored.get(field);
		return (value instanceof Number n) ? n.longValue() : 0;
	}

	private static RollupSource source(String collection, Function<Document, List<Contribution>> contributions) {
		return source(collection, contributions, Set.of(), Set.of());
	}

	private static RollupSource source(String collection, Function<Document, List<Contribution>> contributions,
			Set<String> distinct, Set<String> anchored) {
		return new RollupSource() {

			@Override
			public Set<String> distinctFamilies() {
				return distinct;
			}

			@Override
			public Set<String> anchoredFamilies() {
				return anchored;
			}

			@Override
			public String collection() {
				return collection;
			}

			@Override
			public String version() {
				return VERSION;
			}

			@Override
			public List<Contribution> contributions(Document stored) {
				return contributions.apply(stored);
			}
		};
	}
}
