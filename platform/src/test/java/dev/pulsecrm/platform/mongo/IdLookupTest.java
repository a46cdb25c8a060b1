package dev.pulsecrm.platform.mongo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries on {@code _id} plus other fields (a versioned save's {@code {_id, version}}) give the same answers on both
 * embedded backends as a full scan would: found, not found, stale version, fall-backs for non-equality {@code _id}s.
 */
class IdLookupTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "memory", "h2" })
	void aQueryOnIdAndVersionMatchesExactlyTheDocumentsAScanWould(String kind) {
		MongoBackend backend = kind.equals("memory") ? new IdLookupMemoryBackend()
				: new DurableH2Backend(this.dir.resolve("store.mv").toString());
		MongoServer server = new MongoServer(backend);
		try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
			MongoCollection<Document> deals = client.getDatabase("sales").getCollection("deals");
			List<Document> many = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				many.add(new Document("_id", "d" + i).append("version", 1).append("stage", "LEAD"));
			}
			deals.insertMany(many);

			assertThat(deals.countDocuments(Filters.and(Filters.eq("_id", "d1"), Filters.eq("version", 1)))).isEqualTo(1);
			assertThat(deals.countDocuments(Filters.and(Filters.eq("_id", "d1"), Filters.eq("version", 2)))).isZero();
			assertThat(deals.find(Filters.and(Filters.eq("_id", "nope"), Filters.eq("version", 1))).first()).isNull();

			// optimistic concurrency: the first save with version 1 wins, the second (stale) matches nothing
			var first = deals.updateOne(Filters.and(Filters.eq("_id", "d1"), Filters.eq("version", 1)),
					Updates.combine(Updates.set("stage", "PROPOSAL"), Updates.inc("version", 1)));
			var stale = deals.updateOne(Filters.and(Filters.eq("_id", "d1"), Filters.eq("version", 1)),
					Updates.combine(Updates.set("stage", "LOST"), Updates.inc("version", 1)));
			assertThat(first.getMatchedCount()).isEqualTo(1);
			assertThat(stale.getMatchedCount()).isZero();
			assertThat(deals.find(Filters.eq("_id", "d1")).first()).containsEntry("stage", "PROPOSAL")
				.containsEntry("version", 2);

			// other shapes of _id fall back to the scan and still answer right
			assertThat(deals.countDocuments(Filters.and(Filters.in("_id", "d1", "d2"), Filters.eq("version", 2))))
				.isEqualTo(1);
			assertThat(deals.countDocuments(Filters.and(Filters.regex("_id", Pattern.compile("^d1")),
					Filters.eq("stage", "LEAD")))).isEqualTo(10);
			assertThat(deals.countDocuments(Filters.and(Filters.eq("_id", "d1"), Filters.in("stage", "PROPOSAL"))))
				.isEqualTo(1);

			// {_id: {$in: [...]}} is read from the index alone: each document once, missing ids and other types skipped
			List<Object> wanted = new ArrayList<>(List.of("d3", "d3", "d7", "nope", 7, new org.bson.types.ObjectId()));
			assertThat(deals.find(Filters.in("_id", wanted)).into(new ArrayList<>()))
				.extracting((d) -> d.getString("_id"))
				.containsExactlyInAnyOrder("d3", "d7");
			assertThat(deals.find(Filters.in("_id", wanted)).sort(new Document("_id", -1)).limit(1).first())
				.containsEntry("_id", "d7");
			assertThat(deals.countDocuments(Filters.in("_id", List.of()))).isZero();
			assertThat(deals.deleteOne(Filters.and(Filters.eq("_id", "d2"), Filters.eq("version", 9))).getDeletedCount())
				.isZero();
			assertThat(deals.deleteOne(Filters.and(Filters.eq("_id", "d2"), Filters.eq("version", 1))).getDeletedCount())
				.isEqualTo(1);
			assertThat(deals.countDocuments()).isEqualTo(49);
		}
		finally {
			server.shutdownNow();
		}
	}

	@Test
	void onlyPlainIdEqualityNextToOtherFieldsIsLookedUp() {
		assertThat(IdLookup.idOnly(new de.bwaldvogel.mongo.bson.Document("_id", "x").append("version", 1)))
			.isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "x"));
		assertThat(IdLookup.idOnly(new de.bwaldvogel.mongo.bson.Document("_id", "x"))).as("the index does this")
			.isNull();
		assertThat(IdLookup.idOnly(new de.bwaldvogel.mongo.bson.Document("_id",
				new de.bwaldvogel.mongo.bson.Document("$in", List.of("x"))).append("version", 1))).isNull();
		assertThat(IdLookup.idOnly(new de.bwaldvogel.mongo.bson.Document("version", 1).append("stage", "A"))).isNull();
	}

}
