package dev.pulsecrm.platform.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterDeleteEvent;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeDeleteEvent;
import org.springframework.data.mongodb.core.mapping.event.MongoMappingEvent;

/**
 * Refreshes the rollups after every save (repositories, {@code MongoTemplate.save/insert/insertAll}) and every delete
 * (by id or by query, typed or not) of records a {@link RollupSource} reads. A delete event carries the query, not
 * the ids: the ids it matches are read just before the delete and refreshed just after it (same thread). Updates that
 * bypass the save lifecycle ({@code updateFirst}, {@code findAndModify}) must call {@link Rollups#refresh} themselves.
 *
 * <p>A plain application listener rather than an {@code AbstractMongoEventListener}: that one drops delete events
 * without a domain type ({@code remove(query, "collection")}).
 */
class RollupListener implements ApplicationListener<MongoMappingEvent<?>> {

	private final Rollups rollups;

	private final MongoTemplate mongo;

	/** Per thread, per collection: the ids the delete in progress matched. */
	private final ThreadLocal<Map<String, List<Object>>> deleting = ThreadLocal.withInitial(HashMap::new);

	RollupListener(Rollups rollups, MongoTemplate mongo) {
		this.rollups = rollups;
		this.mongo = mongo;
	}

	@Override
	public void onApplicationEvent(MongoMappingEvent<?> event) {
		String collection = event.getCollectionName();
		if (collection == null || !this.rollups.handles(collection)) {
			return;
		}
		if (event instanceof AfterSaveEvent<?> saved) {
			Document document = saved.getDocument();
			if (document != null) {
				this.rollups.refresh(collection, document.get("_id"));
			}
		}
		else if (event instanceof BeforeDeleteEvent<?> delete) {
			Document query = delete.getDocument();
			if (query != null) {
				List<Object> ids = new ArrayList<>();
				this.mongo.getCollection(collection).find(query).projection(new Document("_id", 1))
					.forEach((record) -> ids.add(record.get("_id")));
				this.deleting.get().put(collection, ids);
			}
		}
		else if (event instanceof AfterDeleteEvent<?>) {
			List<Object> ids = this.deleting.get().remove(collection);
			if (this.deleting.get().isEmpty()) {
				this.deleting.remove();
			}
			if (ids != null && !ids.isEmpty()) {
				this.rollups.refreshAll(collection, ids);
			}
		}
	}
}
