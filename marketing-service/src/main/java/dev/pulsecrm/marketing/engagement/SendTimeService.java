package dev.pulsecrm.marketing.engagement;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

@Service
public class SendTimeService {

	private final MongoTemplate mongo;

	public SendTimeService(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Counts OPENED and REPLIED events per UTC (day of week, hour), optionally for one lead segment. */
	public SendTime best(String segment) {
		Document match = new Document("type", new Document("$in", List.of("OPENED", "REPLIED")));
		if (segment != null) {
			match.append("leadSegment", segment);
		}
		List<Document> pipeline = List.of(new Document("$match", match),
				new Document("$group", new Document("_id", new Document("d", "$dayOfWeek").append("h", "$hour"))
					.append("events", new Document("$sum", 1))));
		List<SendTime.Slot> ranking = new ArrayList<>();
		for (Document row : this.mongo.getCollection("engagement_events").aggregate(pipeline)) {
			Document id = row.get("_id", Document.class);
			ranking.add(new SendTime.Slot(DayOfWeek.valueOf(id.getString("d")), ((Number) id.get("h")).intValue(),
					((Number) row.get("events")).longValue()));
		}
		return rank(segment, ranking);
	}

	/** Most events first; ties go to the earlier slot in the week (Monday 00:00 first), so the answer is stable. */
	static SendTime rank(String segment, List<SendTime.Slot> slots) {
		List<SendTime.Slot> ranking = new ArrayList<>(slots);
		ranking.sort(Comparator.comparingLong(SendTime.Slot::events)
			.reversed()
			.thenComparing(SendTime.Slot::dayOfWeek)
			.thenComparingInt(SendTime.Slot::hour));
		if (ranking.isEmpty()) {
			return new SendTime(segment, null, null, 0, List.of());
		}
		SendTime.Slot best = ranking.get(0);
		return new SendTime(segment, best.dayOfWeek(), best.hour(), best.events(), List.copyOf(ranking));
	}
}
