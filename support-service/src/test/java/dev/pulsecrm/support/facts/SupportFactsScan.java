package dev.pulsecrm.support.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import dev.pulsecrm.proto.support.v1.SupportGroupFacts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The ORACLE of the rollup-based {@link SupportFactsQuery}: the scan calculator the service used before the rollups,
 * kept unchanged so the equivalence test can compare both on the same data. The support facts of a period
 * {@code [from, to)}, computed in MongoDB by scanning the records. Every pipeline uses only {@code $match},
 * {@code $group}/{@code $sum}, {@code $unwind} and simple paths, so it runs the same on MongoDB and on the embedded
 * server; durations and "late" flags were stored when the events happened.
 */
class SupportFactsScan {

	private static final String TICKETS = "tickets";

	private static final String SURVEYS = "survey_responses";

	private final MongoTemplate mongo;

	SupportFactsScan(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	List<SupportGroupFacts> facts(Instant from, Instant to, FactsDimension dimension) {
		Map<String, GroupTotals> groups = new TreeMap<>();
		if (dimension == FactsDimension.TOTAL) {
			groups.put("", new GroupTotals()); // the totals group exists even for an empty period
		}
		String ticketKey = dimension.ticketKey();

		// tickets opened: createdAt in period
		each(aggregate(TICKETS, match(inPeriod("createdAt", from, to)), countBy(ticketKey)), dimension, groups,
				(totals, row) -> totals.ticketsOpened += number(row, "n"));

		// first response: tickets first answered publicly in period
		each(aggregate(TICKETS, match(inPeriod("firstResponseAt", from, to)),
				sumBy(ticketKey, "$firstResponseMillis")), dimension, groups, (totals, row) -> {
					totals.firstResponseMillis += number(row, "millis");
					totals.firstResponseCount += number(row, "n");
				});

		// resolution: tickets FIRST resolved in period (resolvedAt keeps the first resolution across reopens)
		each(aggregate(TICKETS, match(inPeriod("resolvedAt", from, to)), sumBy(ticketKey, "$resolutionMillis")),
				dimension, groups, (totals, row) -> {
					totals.resolutionMillis += number(row, "millis");
					totals.resolutionCount += number(row, "n");
				});

		// ... of which resolved by their resolution deadline
		each(aggregate(TICKETS, match(inPeriod("resolvedAt", from, to).append("resolutionLate", false)),
				countBy(ticketKey)), dimension, groups, (totals, row) -> totals.resolvedWithinSla += number(row, "n"));

		// backlog at `to`, part 1: tickets created before `to`
		Document createdBeforeTo = new Document("createdAt", new Document("$lt", Date.from(to)));
		each(aggregate(TICKETS, match(createdBeforeTo), countBy(ticketKey)), dimension, groups,
				(totals, row) -> totals.createdBeforeTo += number(row, "n"));

		// part 2: of those, the ones resolved at `to`: their resolves (+1) and reopens (−1) before `to` sum to 1,
		// i.e. the last of those events before `to` was a resolve (a close always follows a resolve)
		each(aggregate(TICKETS, match(createdBeforeTo), new Document("$unwind", "$history"),
				match(new Document("history.at", new Document("$lt", Date.from(to)))),
				new Document("$group",
						new Document("_id", new Document("ticket", "$_id").append("key", ticketKey)).append("balance",
								new Document("$sum", "$history.resolvedDelta"))),
				match(new Document("balance", new Document("$gt", 0))), countBy("$_id.key")), dimension, groups,
				(totals, row) -> totals.resolvedAtTo += number(row, "n"));

		// survey scores in period, bucketed in Java (at most 16 distinct scores per group)
		Document respondedInPeriod = inPeriod("respondedAt", from, to);
		String surveyKey = dimension.surveyKey();
		for (Document row : aggregate(SURVEYS, match(respondedInPeriod),
				new Document("$group",
						new Document("_id",
								new Document("key", surveyKey).append("type", "$type").append("score", "$score"))
							.append("n", new Document("$sum", 1))))) {
			Document id = row.get("_id", Document.class);
			totalsFor(groups, dimension, id.get("key")).addScores(id.getString("type"),
					((Number) id.get("score")).intValue(), number(row, "n"));
		}

		// "how did you hear about us" answers in period, per channel
		for (Document row : aggregate(SURVEYS, match(new Document(respondedInPeriod).append("heardFrom",
				new Document("$ne", null))),
				new Document("$group",
						new Document("_id", new Document("key", surveyKey).append("heardFrom", "$heardFrom"))
							.append("n", new Document("$sum", 1))))) {
			Document id = row.get("_id", Document.class);
			totalsFor(groups, dimension, id.get("key")).heardFrom.merge(id.getString("heardFrom"), number(row, "n"),
					Long::sum);
		}

		List<SupportGroupFacts> facts = new ArrayList<>();
		groups.forEach((value, totals) -> facts.add(totals
			.toProto(dimension == FactsDimension.TOTAL ? Map.of() : Map.of(dimension.label(), value))));
		return facts;
	}

	private static void each(List<Document> rows, FactsDimension dimension, Map<String, GroupTotals> groups,
			BiConsumer<GroupTotals, Document> add) {
		for (Document row : rows) {
			add.accept(totalsFor(groups, dimension, row.get("_id")), row);
		}
	}

	private static GroupTotals totalsFor(Map<String, GroupTotals> groups, FactsDimension dimension, Object key) {
		String value = (dimension == FactsDimension.TOTAL) ? ""
				: (key == null || key.toString().isEmpty()) ? FactsDimension.NONE : key.toString();
		return groups.computeIfAbsent(value, (ignored) -> new GroupTotals());
	}

	private List<Document> aggregate(String collection, Document... pipeline) {
		return this.mongo.getCollection(collection).aggregate(List.of(pipeline)).into(new ArrayList<>());
	}

	private static Document inPeriod(String field, Instant from, Instant to) {
		return new Document(field, new Document("$gte", Date.from(from)).append("$lt", Date.from(to)));
	}

	private static Document match(Document filter) {
		return new Document("$match", filter);
	}

	private static Document countBy(String key) {
		return new Document("$group", new Document("_id", key).append("n", new Document("$sum", 1)));
	}

	private static Document sumBy(String key, String field) {
		return new Document("$group", new Document("_id", key).append("millis", new Document("$sum", field))
			.append("n", new Document("$sum", 1)));
	}

	private static long number(Document row, String field) {
		Object value = row.get(field);
		return value == null ? 0 : ((Number) value).longValue();
	}
}
