package dev.pulsecrm.platform.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import dev.pulsecrm.platform.mongo.EmbeddedMongoAutoConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rollups answer every kind of read exactly as a brute-force pass over the records' current contributions would,
 * on random records that are created, changed and deleted, for random periods (whole years down to sub-millisecond
 * edges) and dimensions, including concurrent writers of the same records.
 */
class RollupsTest {

	private static final Instant START = Instant.parse("2023-12-20T00:00:00Z");

	private MongoServer server;

	private MongoClient client;

	private MongoTemplate mongo;

	private Rollups rollups;

	@BeforeEach
	void start() {
		this.server = new MongoServer(EmbeddedMongoAutoConfiguration.memoryBackend());
		this.client = MongoClients.create(this.server.bindAndGetConnectionString());
		this.mongo = new MongoTemplate(this.client, "rollups");
		this.rollups = new Rollups(this.mongo, List.of(new ThingSource()));
		this.rollups.ensureBuilt();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.shutdownNow();
	}

	@Test
	void everyReadEqualsABruteForcePassOverRandomRecordsThatChange() {
		Random random = new Random(42);
		MongoCollection<Document> things = this.mongo.getCollection("things");
		for (int i = 0; i < 300; i++) {
			save(things, "t" + random.nextInt(120), randomItems(random));
			if (i % 37 == 0) {
				String id = "t" + random.nextInt(120);
				things.deleteOne(Filters.eq("_id", id));
				this.rollups.refresh("things", id);
			}
		}
		List<Contribution> all = currentContributions(things);
		assertThat(all).hasSizeGreaterThan(200);
		int periodsWithAnchoredKeys = 0;
		for (int p = 0; p < 300; p++) {
			Instant start = (p % 13 == 0) ? Instant.parse("1969-12-20T00:00:00Z").plusSeconds(random.nextInt(2_000_000))
					: randomInstant(random);
			Instant end = (p % 10 == 0) ? start.plus(Duration.ofDays(400 + random.nextInt(300)))
					: start.plusMillis(1 + (long) (random.nextDouble() * Duration.ofDays(90).toMillis()));
			// some periods on whole hours (read from hour documents), some only ending on one
			Instant to = (p % 5 == 1 || p % 5 == 2) ? end.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
					.plus(Duration.ofHours(1))
					: (p % 5 == 3) ? ((p % 2 == 0) ? end.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
							: RollupKeys.blockStart(end)) : end;
			Instant from = (p % 7 == 0) ? start.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
					: (p % 5 == 1) ? start.truncatedTo(java.time.temporal.ChronoUnit.HOURS) : start;
			for (String dimension : new String[] { null, "owner" }) {
				Rollups.Reader reader = this.rollups.reader("won", "open", "mail");
				assertThat(simplify(reader.sum("won", from, to, dimension)))
					.as("sum %s %s %s", from, to, dimension)
					.isEqualTo(brute(all, "won", dimension, (c) -> in(c.at(), from, to)));
				Instant since = from;
				assertThat(simplify(reader.sumSince("won", from, to, dimension)))
					.as("since %s %s %s", from, to, dimension)
					.isEqualTo(brute(all, "won", dimension,
							(c) -> in(c.at(), since, to) && c.since() != null && !c.since().isBefore(since)));
				assertThat(simplify(reader.stateAt("open", to, dimension)))
					.as("state %s %s", to, dimension)
					.isEqualTo(brute(all, "open", dimension, (c) -> c.at().isBefore(to)));
				assertThat(nonZero(reader.distinct("won", from, to, dimension)))
					.as("distinct %s %s %s", from, to, dimension)
					.isEqualTo(bruteDistinct(all, "won", dimension, from, to));
				Map<String, Instant> firstSeen = firstSeen(all, "won");
				assertThat(simplify(reader.sumFirstSeen("won", from, to, dimension)))
					.as("first seen %s %s %s", from, to, dimension)
					.isEqualTo(brute(all, "won", dimension, (c) -> c.key() != null && in(c.at(), from, to)
							&& !firstSeen.get(c.key()).isBefore(from)));
				Map<String, Long> anchored = bruteAnchored(all, "mail", dimension, from, to);
				assertThat(nonZero(reader.withAnchor("mail", from, to, dimension)))
					.as("with anchor %s %s %s", from, to, dimension)
					.isEqualTo(anchored);
				periodsWithAnchoredKeys += anchored.isEmpty() ? 0 : 1;
			}
		}
		assertThat(periodsWithAnchoredKeys).as("periods with an anchored key").isGreaterThan(100);
	}

	/** Keys with an event and an anchor both in [from, to), per group. */
	private static Map<String, Long> bruteAnchored(List<Contribution> all, String family, String dimension,
			Instant from, Instant to) {
		Map<String, Map<String, Integer>> kinds = new TreeMap<>();
		for (Contribution c : all) {
			if (c.family().equals(family) && c.key() != null && in(c.at(), from, to)) {
				kinds.computeIfAbsent(dimension == null ? "" : c.dims().get(dimension), (g) -> new TreeMap<>())
					.merge(c.key(), c.values().containsKey(Contribution.ANCHOR) ? 2 : 1, (a, b) -> a | b);
			}
		}
		Map<String, Long> counts = new TreeMap<>();
		kinds.forEach((group, byKey) -> {
			long n = byKey.values().stream().filter((kind) -> kind == 3).count();
			if (n > 0) {
				counts.put(group, n);
			}
		});
		return counts;
	}

	private static Map<String, Long> nonZero(Map<String, Long> counts) {
		Map<String, Long> out = new TreeMap<>(counts);
		out.values().removeIf((n) -> n == 0);
		return out;
	}

	private static Map<String, Long> bruteDistinct(List<Contribution> all, String family, String dimension,
			Instant from, Instant to) {
		Map<String, java.util.Set<String>> keys = new TreeMap<>();
		for (Contribution c : all) {
			if (c.family().equals(family) && c.key() != null && in(c.at(), from, to)) {
				keys.computeIfAbsent(dimension == null ? "" : c.dims().get(dimension), (g) -> new java.util.TreeSet<>())
					.add(c.key());
			}
		}
		Map<String, Long> counts = new TreeMap<>();
		keys.forEach((group, set) -> counts.put(group, (long) set.size()));
		return counts;
	}

	private static Map<String, Instant> firstSeen(List<Contribution> all, String family) {
		Map<String, Instant> first = new java.util.HashMap<>();
		for (Contribution c : all) {
			if (c.family().equals(family) && c.key() != null) {
				first.merge(c.key(), c.at(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		return first;
	}

	@Test
	void refreshesPutOffByAnImportAreAppliedOnceAtItsEndWithTheSameAnswers() throws Exception {
		Random random = new Random(11);
		MongoCollection<Document> things = this.mongo.getCollection("things");
		for (int i = 0; i < 40; i++) {
			save(things, "t" + i, randomItems(random));
		}
		long sumsBefore = this.mongo.getCollection(Rollups.SUMS).countDocuments();
		long[] insideScope = new long[1];
		this.rollups.deferring(() -> {
			// 1 200 saves of 700 records (new ones and ones from before), several saves of some
			for (int i = 0; i < 1200; i++) {
				save(things, "t" + random.nextInt(700), randomItems(random));
			}
			insideScope[0] = this.mongo.getCollection(Rollups.LEDGER).countDocuments();
			return null;
		});
		assertThat(insideScope[0]).as("nothing refreshed inside the scope").isLessThanOrEqualTo(40);
		assertThat(this.mongo.getCollection(Rollups.SUMS).countDocuments()).isGreaterThan(sumsBefore);
		List<Contribution> all = currentContributions(things);
		for (int p = 0; p < 50; p++) {
			Instant from = randomInstant(random);
			Instant to = from.plusMillis(1 + (long) (random.nextDouble() * Duration.ofDays(200).toMillis()));
			Rollups.Reader reader = this.rollups.reader("won", "open", "mail");
			assertThat(simplify(reader.sum("won", from, to, "owner")))
				.isEqualTo(brute(all, "won", "owner", (c) -> in(c.at(), from, to)));
			assertThat(simplify(reader.sumSince("won", from, to, null))).isEqualTo(brute(all, "won", null,
					(c) -> in(c.at(), from, to) && c.since() != null && !c.since().isBefore(from)));
			assertThat(simplify(reader.stateAt("open", to, "owner")))
				.isEqualTo(brute(all, "open", "owner", (c) -> c.at().isBefore(to)));
			assertThat(nonZero(reader.distinct("won", from, to, "owner")))
				.isEqualTo(bruteDistinct(all, "won", "owner", from, to));
			assertThat(nonZero(reader.withAnchor("mail", from, to, "owner")))
				.isEqualTo(bruteAnchored(all, "mail", "owner", from, to));
		}
	}

	@Test
	void concurrentWritersOfTheSameRecordsEndWithTheLastState() throws Exception {
		MongoCollection<Document> things = this.mongo.getCollection("things");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int w = 0; w < 8; w++) {
				int seed = w;
				work.add(pool.submit(() -> {
					Random random = new Random(seed);
					for (int i = 0; i < 60; i++) {
						save(things, "shared" + random.nextInt(4), randomItems(random));
					}
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		// every writer refreshed after its own write, so the rollups match the final records
		List<Contribution> all = currentContributions(things);
		Instant from = START.minus(Duration.ofDays(1));
		Instant to = START.plus(Duration.ofDays(800));
		Rollups.Reader reader = this.rollups.reader("won", "open", "mail");
		assertThat(simplify(reader.sum("won", from, to, "owner")))
			.isEqualTo(brute(all, "won", "owner", (c) -> in(c.at(), from, to)));
		assertThat(simplify(reader.stateAt("open", to, null)))
			.isEqualTo(brute(all, "open", null, (c) -> c.at().isBefore(to)));
		assertThat(nonZero(reader.distinct("won", from, to, "owner")))
			.isEqualTo(bruteDistinct(all, "won", "owner", from, to));
		assertThat(nonZero(reader.withAnchor("mail", from, to, "owner")))
			.isEqualTo(bruteAnchored(all, "mail", "owner", from, to));
	}

	@Test
	void aRebuildAfterANewSourceVersionGivesTheSameAnswers() {
		Random random = new Random(7);
		MongoCollection<Document> things = this.mongo.getCollection("things");
		for (int i = 0; i < 50; i++) {
			save(things, "t" + i, randomItems(random));
		}
		Instant from = START.plus(Duration.ofHours(30));
		Instant to = START.plus(Duration.ofDays(200));
		Rollups.Reader reader = this.rollups.reader("won");
		var before = List.of(simplify(reader.sum("won", from, to, "owner")),
				nonZero(reader.distinct("won", from, to, "owner")));

		// writes that bypassed the listener leave the rollups stale until a rebuild
		things.deleteMany(new Document());
		Rollups rebuilt = new Rollups(this.mongo, List.of(new ThingSource() {
			@Override
			public String version() {
				return "2";
			}
		}));
		random = new Random(7);
		for (int i = 0; i < 50; i++) {
			things.replaceOne(Filters.eq("_id", "t" + i), new Document("_id", "t" + i).append("items",
					randomItems(random)), new ReplaceOptions().upsert(true));
		}
		rebuilt.ensureBuilt();
		assertThat(rebuilt.ready()).isTrue();
		Rollups.Reader after = rebuilt.reader("won");
		assertThat(List.of(simplify(after.sum("won", from, to, "owner")),
				nonZero(after.distinct("won", from, to, "owner"))))
			.isEqualTo(before);
	}

	@Test
	void aReaderRefusesFamiliesItWasNotOpenedFor() {
		assertThatThrownBy(() -> this.rollups.reader("won").sum("open", START, START.plusSeconds(1), null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("open");
		assertThatThrownBy(() -> Contribution.of("bad name", START, Map.of(), Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Contribution.of("won", START, Map.of(), Map.of()).withSince(START.plusSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.rollups.reader("won").sum("won", START, START, null)).containsOnlyKeys("");
		assertThat(this.rollups.reader("won").sum("won", START, START, "owner")).isEmpty();
	}

	@Test
	void groupValuesAndKeysWithDotsDollarsAndPercentsSurviveTheFieldNames() {
		assertThat(RollupKeys.unfield(RollupKeys.field("a.b$c%d"))).isEqualTo("a.b$c%d");
		assertThat(RollupKeys.unfield(RollupKeys.field(""))).isEmpty();
		assertThat(RollupKeys.field("a.b$c")).doesNotContain(".").doesNotContain("$");
		MongoCollection<Document> things = this.mongo.getCollection("things");
		save(things, "x", List.of(item("won", START.plusSeconds(5), "o.w$n%er", 3, "k.e$y", null)));
		Rollups.Reader reader = this.rollups.reader("won");
		var groups = reader.sum("won", START, START.plus(Duration.ofDays(3)), "owner");
		assertThat(groups).containsOnlyKeys("o.w$n%er");
		assertThat(groups.get("o.w$n%er").value("amount")).isEqualTo(3);
		assertThat(reader.distinct("won", START, START.plus(Duration.ofDays(3)), "owner"))
			.containsExactly(Map.entry("o.w$n%er", 1L));
	}

	// ---------------------------------------------------------------- fixtures

	private void save(MongoCollection<Document> things, String id, List<Document> items) {
		things.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("items", items),
				new ReplaceOptions().upsert(true));
		this.rollups.refresh("things", id);
	}

	private static List<Document> randomItems(Random random) {
		List<Document> items = new ArrayList<>();
		int n = random.nextInt(5);
		for (int i = 0; i < n; i++) {
			Instant at = randomInstant(random);
			// mostly within weeks, some years back: every level of the since histogram's blocks gets crossed
			long sinceDays = (random.nextInt(4) == 0) ? 6000 : 40;
			Instant since = random.nextBoolean()
					? at.minusMillis((long) (random.nextDouble() * sinceDays * 86_400_000L)) : null;
			items.add(item(random.nextBoolean() ? "won" : "open", at, "o" + random.nextInt(4),
					random.nextInt(7) - 2, random.nextBoolean() ? "k" + random.nextInt(6) : null, since));
			if (random.nextInt(2) == 0) {
				// an anchored family: events, and anchors (as when events copy their lead's conversion instant)
				Document mail = item("mail", randomInstant(random), "o" + random.nextInt(4), 1,
						"k" + random.nextInt(8), null);
				if (random.nextInt(3) == 0) {
					mail.append("anchor", true);
				}
				items.add(mail);
			}
		}
		return items;
	}

	private static Document item(String family, Instant at, String owner, long amount, String key, Instant since) {
		Document item = new Document("f", family).append("t", Date.from(at)).append("owner", owner)
			.append("amount", amount);
		if (key != null) {
			item.append("key", key);
		}
		if (since != null) {
			item.append("since", Date.from(since));
		}
		return item;
	}

	private static Instant randomInstant(Random random) {
		// ~2 years of history, with clusters on day boundaries and ms-precise instants
		long millis = (long) (random.nextDouble() * Duration.ofDays(730).toMillis());
		Instant at = START.plusMillis(millis);
		if (random.nextInt(40) == 0) {
			// a few from long ago (an import of old history): before 1970 too
			at = Instant.parse("1969-12-25T00:00:00Z").plusMillis((long) (random.nextDouble() * 20 * 86_400_000L));
		}
		return random.nextInt(5) == 0 ? at.truncatedTo(java.time.temporal.ChronoUnit.DAYS) : at;
	}

	private static boolean in(Instant t, Instant from, Instant to) {
		return !t.isBefore(from) && t.isBefore(to);
	}

	private List<Contribution> currentContributions(MongoCollection<Document> things) {
		List<Contribution> all = new ArrayList<>();
		ThingSource source = new ThingSource();
		things.find().forEach((d) -> all.addAll(source.contributions(d)));
		return all;
	}

	/** group → values, dropping zero sums (a removed contribution leaves zeros behind). */
	private static Map<String, Object> simplify(Map<String, Tally> groups) {
		Map<String, Object> out = new TreeMap<>();
		groups.forEach((group, tally) -> {
			Map<String, Long> values = new TreeMap<>(tally.values());
			values.values().removeIf((v) -> v == 0);
			if (!values.isEmpty()) {
				out.put(group, values);
			}
		});
		return out;
	}

	private static Map<String, Object> brute(List<Contribution> all, String family, String dimension,
			java.util.function.Predicate<Contribution> counted) {
		Map<String, Tally> groups = new TreeMap<>();
		for (Contribution c : all) {
			if (!c.family().equals(family) || !counted.test(c)) {
				continue;
			}
			Tally tally = groups.computeIfAbsent(dimension == null ? "" : c.dims().get(dimension),
					(g) -> new Tally());
			c.values().forEach(tally::add);
		}
		return simplify(groups);
	}

	/** Each item of a thing's {@code items} is one contribution. */
	static class ThingSource implements RollupSource {

		@Override
		public java.util.Set<String> distinctFamilies() {
			return java.util.Set.of("won");
		}

		@Override
		public java.util.Set<String> firstSeenFamilies() {
			return java.util.Set.of("won");
		}

		@Override
		public java.util.Set<String> anchoredFamilies() {
			return java.util.Set.of("mail");
		}

		@Override
		public String collection() {
			return "things";
		}

		@Override
		public String version() {
			return "1";
		}

		@Override
		public List<Contribution> contributions(Document stored) {
			List<Contribution> out = new ArrayList<>();
			for (Document item : stored.getList("items", Document.class, List.of())) {
				Map<String, Long> values = new TreeMap<>(
						Map.of("amount", item.get("amount", Number.class).longValue(), "count", 1L));
				if (item.getBoolean("anchor", false)) {
					values.put(Contribution.ANCHOR, 1L);
				}
				Contribution c = Contribution.of(item.getString("f"), item.getDate("t").toInstant(),
						Map.of("owner", item.getString("owner")), values);
				if (item.getString("key") != null) {
					c = c.withKey(item.getString("key"));
				}
				if (item.getDate("since") != null) {
					c = c.withSince(item.getDate("since").toInstant());
				}
				out.add(c);
			}
			return out;
		}
	}
}
