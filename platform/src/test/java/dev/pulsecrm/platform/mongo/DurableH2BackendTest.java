package dev.pulsecrm.platform.mongo;

import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An acknowledged write is in the H2 file at once, not after H2's periodic commit; unique indexes written by the
 * store's own H2 index open, find and refuse duplicates as before.
 */
class DurableH2BackendTest {

	@Test
	void indexesWrittenByThePlainH2BackendStillFindAndGuardTheirKeys(@TempDir Path dir) {
		String file = dir.resolve("old.mv").toString();
		org.bson.types.ObjectId oid = new org.bson.types.ObjectId();
		MongoServer old = new MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(file));
		try (MongoClient client = MongoClients.create(old.bindAndGetConnectionString())) {
			var things = client.getDatabase("t").getCollection("things");
			things.createIndex(com.mongodb.client.model.Indexes.ascending("code"),
					new com.mongodb.client.model.IndexOptions().unique(true));
			things.insertOne(new Document("_id", "s1").append("code", "A"));
			things.insertOne(new Document("_id", oid).append("code", "B"));
			things.insertOne(new Document("_id", 7L).append("code", "C"));
			for (int i = 0; i < 300; i++) {
				things.insertOne(new Document("_id", "n" + i).append("code", "n" + i));
			}
		}
		finally {
			old.shutdownNow();
		}
		for (int round = 0; round < 2; round++) {
			int open = round;
			MongoServer server = new MongoServer(new DurableH2Backend(file));
			try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
				var things = client.getDatabase("t").getCollection("things");
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", "s1")).first().getString("code"))
					.isEqualTo("A");
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", oid)).first().getString("code"))
					.isEqualTo("B");
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", 7L)).first().getString("code"))
					.isEqualTo("C");
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", "n299")).first()).isNotNull();
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", "missing")).first()).isNull();
				assertThatThrownBy(() -> things.insertOne(new Document("_id", "s1").append("code", "Z")))
					.hasMessageContaining("E11000");
				assertThatThrownBy(() -> things.insertOne(new Document("_id", "x" + open).append("code", "A")))
					.hasMessageContaining("E11000");
				things.insertOne(new Document("_id", "new" + open).append("code", "new" + open));
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", "new" + open)).first()).isNotNull();
				things.deleteOne(com.mongodb.client.model.Filters.eq("_id", "n0"));
				assertThat(things.find(com.mongodb.client.model.Filters.eq("_id", "n0")).first()).isNull();
				assertThat(things.countDocuments()).as("303, one new per open, n0 gone").isEqualTo(303L + open);
			}
			finally {
				server.shutdownNow();
			}
		}
	}

	@Test
	void anAcknowledgedInsertIsInTheFileBeforeTheServerStops(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("store.mv");
		MongoServer server = new MongoServer(new DurableH2Backend(file.toString()));
		String uri = server.bindAndGetConnectionString();
		try (MongoClient client = MongoClients.create(uri)) {
			client.getDatabase("sales").getCollection("deals").insertOne(new Document("_id", "d1").append("name", "kept"));
			// read the file as another process would after a kill: a copy, opened while the server still holds it
			Path copy = dir.resolve("copy.mv");
			Files.copy(file, copy);
			MongoServer reader = new MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(copy.toString()));
			try (MongoClient readerClient = MongoClients.create(reader.bindAndGetConnectionString())) {
				Document stored = readerClient.getDatabase("sales").getCollection("deals").find().first();
				assertThat(stored).isNotNull();
				assertThat(stored.getString("name")).isEqualTo("kept");
			}
			finally {
				reader.shutdownNow();
			}
		}
		finally {
			server.shutdownNow();
		}
	}
}
