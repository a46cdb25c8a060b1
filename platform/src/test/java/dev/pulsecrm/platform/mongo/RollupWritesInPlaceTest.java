package dev.pulsecrm.platform.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import dev.pulsecrm.platform.rollup.Rollups;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every update the rollups send takes the embedded store's fast path ({@link InPlaceUpdate}): a path the fast path
 * refuses (a numeric segment, say) silently falls back to the store's own update, several times slower per write.
 */
class RollupWritesInPlaceTest {

	@Test
	void everyUpdateOfARecordsRollupsIsAppliedInPlace() {
		MongoServer server = new MongoServer(EmbeddedMongoAutoConfiguration.memoryBackend());
		AtomicLong updates = new AtomicLong();
		CommandListener counter = new CommandListener() {
			@Override
			public void commandStarted(CommandStartedEvent event) {
				if (event.getCommandName().equals("update")) {
					updates.addAndGet(event.getCommand().getArray("updates").size());
				}
			}
		};
		MongoClientSettings settings = MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
			.addCommandListener(counter)
			.build();
		try (MongoClient client = MongoClients.create(settings)) {
			MongoTemplate mongo = new MongoTemplate(client, "inplace");
			Rollups rollups = new Rollups(mongo, List.of(new Source()));
			rollups.ensureBuilt();
			MongoCollection<Document> things = mongo.getCollection("things");
			Instant at = Instant.parse("2026-03-04T05:06:07.089Z");
			for (int version = 0; version < 4; version++) {
				// keyed (chains), with a since years back (every level of the histogram), then changed
				things.replaceOne(Filters.eq("_id", "t1"),
						new Document("_id", "t1").append("amount", 10L + version)
							.append("at", Date.from(at.plusSeconds(3600L * version)))
							.append("since", Date.from(at.minusSeconds(86_400L * 900 * version))),
						new ReplaceOptions().upsert(true));
				long sentBefore = updates.get();
				long appliedBefore = InPlaceUpdate.APPLIED.get();
				rollups.refresh("things", "t1");
				long sent = updates.get() - sentBefore;
				assertThat(sent).as("updates sent for version %d", version).isGreaterThan(5);
				assertThat(InPlaceUpdate.APPLIED.get() - appliedBefore).as("applied in place of %d", sent)
					.isEqualTo(sent);
			}
			Rollups.Reader reader = rollups.reader("won");
			// the last version: 13 cents, 3 hours after `at`, since 2 700 days before `at`
			assertThat(reader.sum("won", at, at.plusSeconds(86_400), null).get("").value("cents")).isEqualTo(13);
			assertThat(reader.sumSince("won", at.minusSeconds(86_400L * 2700), at.plusSeconds(86_400), null).get("")
				.value("cents")).isEqualTo(13);
			assertThat(reader.sumSince("won", at.minusSeconds(86_400L * 2699), at.plusSeconds(86_400), null).get("")
				.value("cents")).isZero();
		}
		finally {
			server.shutdownNow();
		}
	}

	static final class Source implements RollupSource {

		@Override
		public String collection() {
			return "things";
		}

		@Override
		public String version() {
			return "1";
		}

		@Override
		public Set<String> distinctFamilies() {
			return Set.of("won");
		}

		@Override
		public Set<String> firstSeenFamilies() {
			return Set.of("won");
		}

		@Override
		public List<Contribution> contributions(Document stored) {
			List<Contribution> out = new ArrayList<>();
			out.add(Contribution.of("won", stored.getDate("at").toInstant(), Map.of("owner", "o.1"),
					Map.of("cents", stored.getLong("amount")))
				.withKey("account-1")
				.withSince(stored.getDate("since").toInstant()));
			return out;
		}
	}
}
