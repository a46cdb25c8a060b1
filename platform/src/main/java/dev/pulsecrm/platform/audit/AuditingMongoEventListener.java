package dev.pulsecrm.platform.audit;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

import dev.pulsecrm.platform.security.CallerProvider;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Records every save of a document (create or update, through repositories or {@code MongoTemplate.save/insert}) in
 * the {@code audit_log} collection with the caller, the instant and the record before and after. The record before is
 * read just before the write; an update that bypasses the save lifecycle ({@code updateFirst}, {@code findAndModify})
 * is not seen here and must be audited by its caller.
 */
public class AuditingMongoEventListener extends AbstractMongoEventListener<Object> {

	private final MongoTemplate mongo;

	private final CallerProvider callers;

	private final Clock clock;

	/** the stored version of each document being saved on this thread, between before-save and after-save */
	private final ThreadLocal<Map<Document, Document>> pending = ThreadLocal.withInitial(IdentityHashMap::new);

	public AuditingMongoEventListener(MongoTemplate mongo, CallerProvider callers, Clock clock) {
		this.mongo = mongo;
		this.callers = callers;
		this.clock = clock;
	}

	@Override
	public void onBeforeSave(BeforeSaveEvent<Object> event) {
		Document document = event.getDocument();
		if (document == null || AuditEntry.COLLECTION.equals(event.getCollectionName()) || document.get("_id") == null) {
			return;
		}
		Document stored = this.mongo.findOne(Query.query(Criteria.where("_id").is(document.get("_id"))),
				Document.class, event.getCollectionName());
		if (stored != null) {
			this.pending.get().put(document, stored);
		}
	}

	@Override
	public void onAfterSave(AfterSaveEvent<Object> event) {
		Document after = event.getDocument();
		if (after == null || AuditEntry.COLLECTION.equals(event.getCollectionName())) {
			return;
		}
		Map<Document, Document> before = this.pending.get();
		Document previous = before.remove(after);
		if (before.isEmpty()) {
			this.pending.remove();
		}
		Object id = after.get("_id");
		this.mongo.insert(new AuditEntry(null, this.clock.instant(), this.callers.current().userId(),
				previous == null ? "CREATE" : "UPDATE", event.getCollectionName(), id == null ? null : id.toString(),
				previous, after), AuditEntry.COLLECTION);
	}
}
