package dev.pulsecrm.marketing.subscription;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One change of the mailing list. The same email, type and instant is one event (unique index), so re-importing a
 * list history does not count anyone twice.
 */
@Document("subscriptions")
@CompoundIndexes({
		@CompoundIndex(name = "one_change", def = "{'email': 1, 'type': 1, 'at': 1}", unique = true),
		@CompoundIndex(name = "period_type", def = "{'at': 1, 'type': 1}") })
public record SubscriptionEvent(@Id String id, @Indexed(unique = true, sparse = true) String externalId, String email,
		SubscriptionType type, Instant at) {
}
