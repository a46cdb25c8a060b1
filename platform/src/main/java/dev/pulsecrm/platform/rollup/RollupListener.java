package dev.pulsecrm.platform.rollup;

import org.bson.Document;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterDeleteEvent;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/**
 * Refreshes the rollups after every save (repositories, {@code MongoTemplate.save/insert/insertAll}) and delete by
 * id of a record a {@link RollupSource} reads. Updates that bypass the save lifecycle ({@code updateFirst},
 * {@code findAndModify}) must call {@link Rollups#refresh} themselves.
 */
class RollupListener extends AbstractMongoEventListener<Object> {

	private final Rollups rollups;

	RollupListener(Rollups rollups) {
		this.rollups = rollups;
	}

	@Override
	public void onAfterSave(AfterSaveEvent<Object> event) {
		Document saved = event.getDocument();
		if (saved != null && this.rollups.handles(event.getCollectionName())) {
			this.rollups.refresh(event.getCollectionName(), saved.get("_id"));
		}
	}

	@Override
	public void onAfterDelete(AfterDeleteEvent<Object> event) {
		Document query = event.getSource();
		if (query != null && this.rollups.handles(event.getCollectionName()) && query.size() == 1
				&& query.containsKey("_id") && !(query.get("_id") instanceof Document)) {
			this.rollups.refresh(event.getCollectionName(), query.get("_id"));
		}
	}
}
