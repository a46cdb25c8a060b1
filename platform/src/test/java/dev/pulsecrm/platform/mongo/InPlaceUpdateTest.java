package dev.pulsecrm.platform.mongo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded backends' own way of applying {@code $inc}/{@code $set} by {@code _id} ({@link InPlaceUpdate}) gives
 * exactly what mongo-java-server's general update gives: the same documents, the same matched/modified/upserted
 * replies and the same failures, over a few thousand random updates — nested paths, new and existing fields, int,
 * long and double increments, documents and nulls set, stale {@code {_id, v}} queries, upserts, and the shapes it
 * must hand back (a path inside another, {@code $inc} of a string, array positions, other operators, a unique index).
 */
class InPlaceUpdateTest {

	private static final String[] PATHS = { "n", "a.b", "a.c", "a.d.e", "x.y.z", "x.y.w", "s", "t", "a" };

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "memory", "h2" })
	void updatesGiveWhatTheStoresGeneralUpdateGives(String kind) {
		MongoBackend ours = kind.equals("memory") ? new IdLookupMemoryBackend()
				: new DurableH2Backend(this.dir.resolve("store.mv").toString());
		MongoServer reference = new MongoServer(new MemoryBackend());
		MongoServer server = new MongoServer(ours);
		try (MongoClient referenceClient = MongoClients.create(reference.bindAndGetConnectionString());
				MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
			MongoCollection<Document> expected = referenceClient.getDatabase("t").getCollection("c");
			MongoCollection<Document> actual = client.getDatabase("t").getCollection("c");
			for (MongoCollection<Document> c : List.of(expected, actual)) {
				c.insertOne(new Document("_id", "d0").append("v", 1).append("s", "text").append("arr", List.of(1, 2)));
			}
			Random random = new Random(42);
			int succeeded = 0;
			long appliedBefore = InPlaceUpdate.APPLIED.get();
			for (int step = 0; step < 3000; step++) {
				String id = "d" + random.nextInt(6);
				Bson filter = random.nextInt(4) == 0 ? Filters.and(Filters.eq("_id", id), Filters.eq("v", random.nextInt(3)))
						: Filters.eq("_id", id);
				Document update = randomUpdate(random);
				UpdateOptions options = new UpdateOptions().upsert(random.nextBoolean());
				Document before = expected.find(Filters.eq("_id", id)).first();
				Object want = outcome(expected, filter, update, options);
				Object got = outcome(actual, filter, update, options);
				assertThat(got).as("step %d: %s %s upsert %s on %s", step, filter, update, options.isUpsert(), before).isEqualTo(want);
				if (!(want instanceof String)) {
					succeeded++;
				}
			}
			// a field of another index goes the store's way, which keeps the index (and refuses a duplicate)
			MongoCollection<Document> expectedCodes = referenceClient.getDatabase("t").getCollection("u");
			MongoCollection<Document> actualCodes = client.getDatabase("t").getCollection("u");
			for (MongoCollection<Document> c : List.of(expectedCodes, actualCodes)) {
				c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
				c.insertOne(new Document("_id", "u1").append("code", "A"));
				c.insertOne(new Document("_id", "u2").append("code", "B"));
			}
			Document duplicate = new Document("$set", new Document("code", "A")).append("$inc", new Document("n", 1));
			assertThat(outcome(actualCodes, Filters.eq("_id", "u2"), duplicate, new UpdateOptions()))
				.isEqualTo(outcome(expectedCodes, Filters.eq("_id", "u2"), duplicate, new UpdateOptions()))
				.asString().contains("11000");
			assertThat(actualCodes.find(Filters.eq("_id", "u2")).first()).isEqualTo(new Document("_id", "u2").append("code", "B"));
			// an array position goes the store's way (a field named "0" in a document trips the store's own update)
			Document arrayUpdate = new Document("$inc", new Document("arr.0", 5));
			assertThat(outcome(actual, Filters.eq("_id", "d0"), arrayUpdate, new UpdateOptions()))
				.isEqualTo(outcome(expected, Filters.eq("_id", "d0"), arrayUpdate, new UpdateOptions()));
			List<Document> want = expected.find().sort(new Document("_id", 1)).into(new ArrayList<>());
			List<Document> got = actual.find().sort(new Document("_id", 1)).into(new ArrayList<>());
			assertThat(got).isEqualTo(want);
			assertThat(want).hasSizeGreaterThan(3);
			assertThat(succeeded).as("updates that succeeded").isGreaterThan(1000);
			assertThat(InPlaceUpdate.APPLIED.get() - appliedBefore).as("updates applied in place").isGreaterThan(500);
		}
		finally {
			server.shutdownNow();
			reference.shutdownNow();
		}
	}

	/** The reply as (matched, modified, upserted id), or the failure's class when the update failed. */
	private static Object outcome(MongoCollection<Document> c, Bson filter, Document update, UpdateOptions options) {
		try {
			UpdateResult result = c.updateOne(filter, update, options);
			return List.of(result.getMatchedCount(), result.getModifiedCount(),
					String.valueOf(result.getUpsertedId()));
		}
		catch (MongoException ex) {
			return "failed: " + ex.getCode() + ex.getMessage().replaceAll(":[0-9]+", "");
		}
	}

	private static Document randomUpdate(Random random) {
		Document update = new Document();
		int paths = 1 + random.nextInt(4);
		for (int i = 0; i < paths; i++) {
			String path = PATHS[random.nextInt(PATHS.length)];
			switch (random.nextInt(10)) {
				case 0, 1, 2 -> operator(update, "$inc").put(path, random.nextInt(7) - 3);
				case 3 -> operator(update, "$inc").put(path, (long) random.nextInt(1000));
				case 4 -> operator(update, "$inc").put(path, random.nextInt(5) * 0.5);
				case 5 -> operator(update, "$set").put(path, "e" + random.nextInt(4));
				case 6 -> operator(update, "$set").put(path, new Document("k", random.nextInt(3)));
				case 7 -> operator(update, "$set").put(path, null);
				case 8 -> operator(update, "$set").put(path, random.nextInt(3));
				default -> operator(update, random.nextInt(5) == 0 ? "$unset" : "$inc").put(path,
						random.nextInt(5) == 0 ? "" : 1);
			}
		}
		if (random.nextInt(5) == 0) {
			operator(update, "$inc").put("v", 1);
		}
		return update;
	}

	private static Document operator(Document update, String name) {
		return (Document) update.computeIfAbsent(name, (k) -> new Document());
	}

}
