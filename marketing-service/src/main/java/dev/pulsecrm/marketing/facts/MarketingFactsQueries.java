package dev.pulsecrm.marketing.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.platform.rollup.Tally;
import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The marketing facts of a period [from, to), read from the KPI rollups ({@link MarketingRollups}), so a request
 * costs what the days of its period cost, not what the history does: distinct pairs too, counted from the chains
 * the rollups keep per pair.
 * <p>
 * Not split by a dimension: {@code subscribed}, {@code unsubscribed} and {@code list_size_at_from} describe the
 * whole mailing list and are filled only in the totals group (empty {@code group_by}); grouped replies leave them 0.
 * {@code pairs_delivered} is the number of sent pairs without a bounce in the period (sent minus bounced, counting a
 * bounce only against its own send). A group is in the reply when it has a record in the period, as with the scan
 * that computed these facts before; {@code campaign_channels} lists every campaign (few records, read as they are).
 */
@Component
class MarketingFactsQueries {

	private static final String[] FAMILIES = families();

	private final MongoTemplate mongo;

	private final Rollups rollups;

	MarketingFactsQueries(MongoTemplate mongo, Rollups rollups) {
		this.mongo = mongo;
		this.rollups = rollups;
	}

	/** Whether the rollups reflect every record (false while they are built at start). */
	boolean ready() {
		return this.rollups.ready();
	}

	MarketingFactsReply facts(Instant from, Instant to, FactsDimension dimension) {
		// the store keeps milliseconds, and the period bounds were compared as stored dates
		Instant start = Instant.ofEpochMilli(from.toEpochMilli());
		Instant end = Instant.ofEpochMilli(to.toEpochMilli());
		String dim = (dimension == FactsDimension.NONE) ? null : dimension.groupBy();
		Rollups.Reader reader = this.rollups.reader(FAMILIES);
		Map<String, MarketingGroupFacts.Builder> groups = new TreeMap<>();
		if (dimension == FactsDimension.NONE) {
			group(groups, dimension, "");
		}
		reader.sum(MarketingRollups.LEAD_NEW, start, end, dim).forEach((group, tally) -> {
			if (tally.value("n") > 0) {
				group(groups, dimension, group).setNewLeads(tally.value("n"));
			}
		});
		reader.sumSince(MarketingRollups.LEAD_NEW_CONVERTED, start, end, dim).forEach((group, tally) -> {
			if (tally.value("n") > 0) {
				group(groups, dimension, group).setNewLeadsConverted(tally.value("n"));
			}
		});
		reader.sum(MarketingRollups.LEAD_FIRST_CONTACT, start, end, dim).forEach((group, tally) -> {
			if (tally.value("n") > 0) {
				group(groups, dimension, group).setFirstContact(DurationStats.newBuilder()
					.setCount(tally.value("n"))
					.setTotalMillis(tally.value("millis")));
			}
		});
		reader.sum(MarketingRollups.SPEND, start, end, dim).forEach((group, tally) -> {
			MoneySum spend = spend(tally);
			if (spend.getByCurrencyCount() > 0) {
				group(groups, dimension, group).setSpend(spend);
			}
		});
		engagement(groups, dimension, reader, start, end, dim);
		if (dimension == FactsDimension.NONE) {
			subscriptions(groups.get(""), reader, start, end);
		}
		MarketingFactsReply.Builder reply = MarketingFactsReply.newBuilder();
		groups.values().forEach((group) -> reply.addGroups(group.build()));
		reply.putAllCampaignChannels(campaignChannels());
		return reply.build();
	}

	/**
	 * Distinct (campaign, lead) pairs per event type, per group, from the pair families' chains: delivered = pairs
	 * sent or bounced − pairs bounced (the sent pairs without a bounce), and of those the pairs whose lead converted in
	 * the period = (sent or bounced, converted) − (bounced, converted), each an anchored count. O(days).
	 */
	private void engagement(Map<String, MarketingGroupFacts.Builder> groups, FactsDimension dimension,
			Rollups.Reader reader, Instant from, Instant to, String dim) {
		Map<EngagementType, Map<String, Long>> byType = new EnumMap<>(EngagementType.class);
		Set<String> present = new TreeSet<>();
		for (EngagementType type : EngagementType.values()) {
			Map<String, Long> pairs = nonZero(reader.distinct(MarketingRollups.pairFamily(type), from, to, dim));
			byType.put(type, pairs);
			present.addAll(pairs.keySet());
		}
		Map<String, Long> sentOrBounced = reader.distinct(MarketingRollups.PAIR_SENT_OR_BOUNCED, from, to, dim);
		Map<String, Long> convertedSentOrBounced = reader.withAnchor(MarketingRollups.CONVERTED_SENT_OR_BOUNCED, from,
				to, dim);
		Map<String, Long> convertedBounced = reader.withAnchor(MarketingRollups.CONVERTED_BOUNCED, from, to, dim);
		for (String groupValue : present) {
			long bounced = count(byType.get(EngagementType.BOUNCED), groupValue);
			group(groups, dimension, groupValue).setPairsSent(count(byType.get(EngagementType.SENT), groupValue))
				.setPairsBounced(bounced)
				.setPairsDelivered(count(sentOrBounced, groupValue) - bounced)
				.setPairsOpened(count(byType.get(EngagementType.OPENED), groupValue))
				.setPairsClicked(count(byType.get(EngagementType.CLICKED), groupValue))
				.setPairsReplied(count(byType.get(EngagementType.REPLIED), groupValue))
				.setDeliveredPairsConverted(
						count(convertedSentOrBounced, groupValue) - count(convertedBounced, groupValue));
		}
	}

	private static Map<String, Long> nonZero(Map<String, Long> counts) {
		counts.values().removeIf((n) -> n == 0);
		return counts;
	}

	private static long count(Map<String, Long> counts, String group) {
		return counts.getOrDefault(group, 0L);
	}

	private void subscriptions(MarketingGroupFacts.Builder totals, Rollups.Reader reader, Instant from, Instant to) {
		Tally inPeriod = reader.sum(MarketingRollups.SUBSCRIPTION, from, to, null).getOrDefault("", new Tally());
		Tally before = reader.stateAt(MarketingRollups.SUBSCRIPTION, from, null).getOrDefault("", new Tally());
		totals.setSubscribed(inPeriod.value("SUBSCRIBED"))
			.setUnsubscribed(inPeriod.value("UNSUBSCRIBED"))
			.setListSizeAtFrom(before.value("SUBSCRIBED") - before.value("UNSUBSCRIBED"));
	}

	private Map<String, String> campaignChannels() {
		Map<String, String> channels = new TreeMap<>();
		for (Document campaign : this.mongo.getCollection("campaigns")
			.find()
			.projection(new Document("channel", 1))) {
			channels.put(campaign.get("_id").toString(), campaign.getString("channel"));
		}
		return channels;
	}

	/** The currencies with at least one entry in the period, each with its summed cents. */
	private static MoneySum spend(Tally tally) {
		Map<String, Long> centsByCurrency = new TreeMap<>();
		tally.values().forEach((name, count) -> {
			if (name.startsWith("n:") && count > 0) {
				String currency = name.substring(2);
				centsByCurrency.put(currency, tally.value("cents:" + currency));
			}
		});
		MoneySum.Builder sum = MoneySum.newBuilder();
		centsByCurrency.forEach((currency, cents) -> sum.addByCurrency(
				Money.newBuilder().setCurrency(currency).setAmount(BigDecimal.valueOf(cents, 2).toPlainString())));
		return sum.build();
	}

	private static MarketingGroupFacts.Builder group(Map<String, MarketingGroupFacts.Builder> groups,
			FactsDimension dimension, String group) {
		return groups.computeIfAbsent(group, (v) -> {
			MarketingGroupFacts.Builder builder = MarketingGroupFacts.newBuilder();
			if (dimension != FactsDimension.NONE) {
				builder.putGroup(dimension.groupBy(), v);
			}
			return builder;
		});
	}

	private static String[] families() {
		Set<String> families = new HashSet<>(Set.of(MarketingRollups.LEAD_NEW, MarketingRollups.LEAD_NEW_CONVERTED,
				MarketingRollups.LEAD_FIRST_CONTACT, MarketingRollups.SPEND, MarketingRollups.SUBSCRIPTION,
				MarketingRollups.CONVERTED_SENT_OR_BOUNCED, MarketingRollups.CONVERTED_BOUNCED));
		families.addAll(MarketingRollups.distinctPairFamilies());
		return families.toArray(String[]::new);
	}
}
