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

/** An acknowledged write is in the H2 file at once, not after H2's periodic commit. */
class DurableH2BackendTest {

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
