package dev.pulsecrm.platform.mongo;

import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Runs an idempotent data migration (a backfill of a field added to stored records) once per store: a marker document
 * in {@code collection} says it is done, so later starts cost one read by {@code _id}. Replicas starting together may
 * both run it; the migration must be safe to run twice.
 */
public final class OnceMarkers {

	private OnceMarkers() {
	}

	/** Runs {@code migration} unless {@code marker} is in {@code collection}, then stores the marker. */
	public static void runOnce(MongoTemplate mongo, String collection, String marker, Runnable migration) {
		MongoCollection<Document> markers = mongo.getCollection(collection);
		if (markers.find(Filters.eq("_id", marker)).first() != null) {
			return;
		}
		migration.run();
		try {
			markers.insertOne(new Document("_id", marker).append("at", new Date()));
		}
		catch (MongoWriteException ex) {
			// another replica finished the same migration first
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}
}
