package dev.pulsecrm.marketing.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import dev.pulsecrm.marketing.Created;
import dev.pulsecrm.platform.time.EventTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

@Service
public class SubscriptionService {

	private final MongoTemplate mongo;

	private final Clock clock;

	public SubscriptionService(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Records a list change; the same externalId, or the same email+type+instant, returns the first one (200). */
	public Created<SubscriptionEvent> record(RecordSubscription command) {
		if (command.externalId() != null) {
			SubscriptionEvent existing = this.mongo.findOne(
					Query.query(Criteria.where("externalId").is(command.externalId())), SubscriptionEvent.class);
			if (existing != null) {
				return new Created<>(existing, false);
			}
		}
		Instant at = EventTime.pastOrNow("at", command.at(), this.clock);
		// addresses differ only in case for the same person
		String email = command.email().trim().toLowerCase(Locale.ROOT);
		try {
			return new Created<>(
					this.mongo.insert(new SubscriptionEvent(null, command.externalId(), email, command.type(), at)),
					true);
		}
		catch (DuplicateKeyException ex) {
			SubscriptionEvent first = this.mongo.findOne(Query
				.query(Criteria.where("email").is(email).and("type").is(command.type()).and("at").is(at)),
					SubscriptionEvent.class);
			return new Created<>(first, false);
		}
	}
}
