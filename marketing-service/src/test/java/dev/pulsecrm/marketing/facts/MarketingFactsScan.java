package dev.pulsecrm.marketing.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The ORACLE of {@link MarketingFactsEquivalenceTest}: the scan that computed the marketing facts before the rollups
 * ({@link MarketingFactsQueries}), kept unchanged to prove they give the same reply. It reads every record of the
 * period; on the embedded store (no range indexes) that is every record.
 * <p>
 * The marketing facts of a period [from, to), computed with the aggregation stages real MongoDB and the embedded
 * server both support ({@code $match}, {@code $group} with {@code $sum}/{@code $first}); every duration and
 * grouping value was stored at write time.
 * <p>
 * Not split by a dimension: {@code subscribed}, {@code unsubscribed} and {@code list_size_at_from} describe the
 * whole mailing list and are filled only in the totals group (empty {@code group_by}); grouped replies leave them 0.
 * {@code pairs_delivered} is the number of sent pairs without a bounce in the period (sent minus bounced, counting a
 * bounce only against its own send).
 */
class MarketingFactsScan {

	private final MongoTemplate mongo;

	MarketingFactsScan(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	MarketingFactsReply facts(Instant from, Instant to, FactsDimension dimension) {
		Map<String, MarketingGroupFacts.Builder> groups = new TreeMap<>();
		if (dimension == FactsDimension.NONE) {
			group(groups, dimension, "");
		}
		Document period = period(from, to);
		countLeads(groups, dimension, new Document("createdAt", period), false);
		countLeads(groups, dimension, new Document("createdAt", period).append("convertedAt", period), true);
		firstContacts(groups, dimension, period);
		spend(groups, dimension, period);
		engagement(groups, dimension, period, convertedLeadIds(period));
		if (dimension == FactsDimension.NONE) {
			subscriptions(groups.get(""), from, period);
		}
		MarketingFactsReply.Builder reply = MarketingFactsReply.newBuilder();
		groups.values().forEach((group) -> reply.addGroups(group.build()));
		reply.putAllCampaignChannels(campaignChannels());
		return reply.build();
	}

	private void countLeads(Map<String, MarketingGroupFacts.Builder> groups, FactsDimension dimension, Document match,
			boolean converted) {
		for (Document row : aggregate("leads", match, groupId(dimension, dimension.leadField),
				new Document("n", new Document("$sum", 1)))) {
			MarketingGroupFacts.Builder group = group(groups, dimension, row.get("_id"));
			long n = number(row, "n");
			if (converted) {
				group.setNewLeadsConverted(n);
			}
			else {
				group.setNewLeads(n);
			}
		}
	}

	private void firstContacts(Map<String, MarketingGroupFacts.Builder> groups, FactsDimension dimension,
			Document period) {
		for (Document row : aggregate("leads", new Document("firstContactAt", period),
				groupId(dimension, dimension.leadField), new Document("n", new Document("$sum", 1)).append("millis",
						new Document("$sum", "$firstContactMillis")))) {
			group(groups, dimension, row.get("_id")).setFirstContact(
					DurationStats.newBuilder().setCount(number(row, "n")).setTotalMillis(number(row, "millis")));
		}
	}

	private void spend(Map<String, MarketingGroupFacts.Builder> groups, FactsDimension dimension, Document period) {
		Document id = new Document("c", "$currency");
		if (dimension != FactsDimension.NONE) {
			id.append("g", "$" + dimension.spendField);
		}
		Map<String, Map<String, Long>> centsByGroup = new TreeMap<>();
		for (Document row : aggregate("spend", new Document("dayStart", period), id,
				new Document("cents", new Document("$sum", "$cents")))) {
			Document key = row.get("_id", Document.class);
			String group = dimension.groupOf(key.get("g"));
			centsByGroup.computeIfAbsent(group, (g) -> new TreeMap<>()).put(key.getString("c"), number(row, "cents"));
		}
		centsByGroup.forEach((group, cents) -> group(groups, dimension, group).setSpend(moneySum(cents)));
	}

	/** Distinct (campaign, lead) pairs per event type in the period, counted per group in memory. */
	private void engagement(Map<String, MarketingGroupFacts.Builder> groups, FactsDimension dimension,
			Document period, Set<String> convertedLeads) {
		Document id = new Document("c", "$campaignId").append("l", "$leadId").append("t", "$type");
		Document accumulators = new Document();
		if (dimension != FactsDimension.NONE) {
			accumulators.append("g", new Document("$first", "$" + dimension.eventField));
		}
		Map<String, Map<String, Set<String>>> pairsByGroupAndType = new TreeMap<>();
		Map<String, String> leadOfPair = new HashMap<>();
		for (Document row : aggregate("engagement_events", new Document("at", period), id, accumulators)) {
			Document key = row.get("_id", Document.class);
			String pair = key.getString("c") + "\u0000" + key.getString("l");
			leadOfPair.put(pair, key.getString("l"));
			pairsByGroupAndType.computeIfAbsent(dimension.groupOf(row.get("g")), (g) -> new HashMap<>())
				.computeIfAbsent(key.getString("t"), (t) -> new HashSet<>())
				.add(pair);
		}
		pairsByGroupAndType.forEach((groupValue, byType) -> {
			Set<String> delivered = new HashSet<>(byType.getOrDefault("SENT", Set.of()));
			delivered.removeAll(byType.getOrDefault("BOUNCED", Set.of()));
			long deliveredConverted = delivered.stream()
				.filter((pair) -> convertedLeads.contains(leadOfPair.get(pair)))
				.count();
			group(groups, dimension, groupValue).setPairsSent(size(byType, "SENT"))
				.setPairsBounced(size(byType, "BOUNCED"))
				.setPairsDelivered(delivered.size())
				.setPairsOpened(size(byType, "OPENED"))
				.setPairsClicked(size(byType, "CLICKED"))
				.setPairsReplied(size(byType, "REPLIED"))
				.setDeliveredPairsConverted(deliveredConverted);
		});
	}

	private Set<String> convertedLeadIds(Document period) {
		Set<String> ids = new HashSet<>();
		for (Document lead : this.mongo.getCollection("leads")
			.find(new Document("convertedAt", period))
			.projection(new Document("_id", 1))) {
			ids.add(lead.get("_id").toString());
		}
		return ids;
	}

	private void subscriptions(MarketingGroupFacts.Builder totals, Instant from, Document period) {
		Map<String, Long> inPeriod = countByType(new Document("at", period));
		Map<String, Long> before = countByType(new Document("at", new Document("$lt", Date.from(from))));
		totals.setSubscribed(inPeriod.getOrDefault("SUBSCRIBED", 0L))
			.setUnsubscribed(inPeriod.getOrDefault("UNSUBSCRIBED", 0L))
			.setListSizeAtFrom(before.getOrDefault("SUBSCRIBED", 0L) - before.getOrDefault("UNSUBSCRIBED", 0L));
	}

	private Map<String, Long> countByType(Document match) {
		Map<String, Long> counts = new HashMap<>();
		for (Document row : aggregate("subscriptions", match, "$type", new Document("n", new Document("$sum", 1)))) {
			counts.put(row.getString("_id"), number(row, "n"));
		}
		return counts;
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

	private Iterable<Document> aggregate(String collection, Document match, Object groupId, Document accumulators) {
		Document group = new Document("_id", groupId);
		group.putAll(accumulators);
		return this.mongo.getCollection(collection)
			.aggregate(List.of(new Document("$match", match), new Document("$group", group)));
	}

	private static Object groupId(FactsDimension dimension, String field) {
		return dimension == FactsDimension.NONE ? null : "$" + field;
	}

	private static Document period(Instant from, Instant to) {
		return new Document("$gte", Date.from(from)).append("$lt", Date.from(to));
	}

	private static MarketingGroupFacts.Builder group(Map<String, MarketingGroupFacts.Builder> groups,
			FactsDimension dimension, Object storedValue) {
		return groups.computeIfAbsent(dimension.groupOf(storedValue), (v) -> {
			MarketingGroupFacts.Builder builder = MarketingGroupFacts.newBuilder();
			if (dimension != FactsDimension.NONE) {
				builder.putGroup(dimension.groupBy(), v);
			}
			return builder;
		});
	}

	private static long size(Map<String, Set<String>> byType, String type) {
		return byType.getOrDefault(type, Set.of()).size();
	}

	private static long number(Document row, String field) {
		Object value = row.get(field);
		return value == null ? 0 : ((Number) value).longValue();
	}

	private static MoneySum moneySum(Map<String, Long> centsByCurrency) {
		MoneySum.Builder sum = MoneySum.newBuilder();
		centsByCurrency.forEach((currency, cents) -> sum.addByCurrency(
				Money.newBuilder().setCurrency(currency).setAmount(BigDecimal.valueOf(cents, 2).toPlainString())));
		return sum.build();
	}
}
