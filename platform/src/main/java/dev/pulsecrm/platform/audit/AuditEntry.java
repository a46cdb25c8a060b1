package dev.pulsecrm.platform.audit;

import java.time.Instant;

import org.bson.Document;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Field;

/** One recorded state change: who, when, which record, and the record before and after. */
@org.springframework.data.mongodb.core.mapping.Document(AuditEntry.COLLECTION)
@CompoundIndex(name = "entity_at", def = "{'entityId': 1, 'at': -1}")
public record AuditEntry(@Id String id, Instant at, String actor, String action, String collection,
		String entityId, @Field("before") Document before, @Field("after") Document after) {

	public static final String COLLECTION = "audit_log";

}
