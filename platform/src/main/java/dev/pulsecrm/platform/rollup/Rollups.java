package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * KPI rollups maintained on write, so that a facts query costs what the number of days in its period costs, not what
 * the number of records does.
 *
 * <p>Layout, all in the service's own database:
 * <ul>
 * <li>{@code rollup_sums}: one document per year ({@code Y2026}), month ({@code M2026-11}), day
 * ({@code D2026-11-23}), hour ({@code H2026-11-23T05}) and 10-minute block ({@code T2026-11-23T05:10}) holding, per
 * family, per dimension, per dimension value, the summed values ({@code <family>.g.<dim>.<value>.<name>}); day, hour
 * and block documents also hold the histogram by {@code since} day: flat in hours and blocks ({@code .h.}, a bucket per since day), and in day documents, which
 * fill up to a bucket per day of history, in four levels of blocks of 1, 16, 256 and 4 096 days ({@code .h0.} …
 * {@code .h3.}, see {@link RollupKeys#sincePaths}), so a {@code since} read takes at most 15 buckets per level
 * and group value from each day, however many distinct {@code since} days it holds;</li>
 * <li>{@code rollup_entries}: per 10-minute block and family ({@code E2026-11-23T05:10/won}, by {@code at}) and per
 * day and family ({@code S2026-11-23/won}, by {@code since}) every distinct contribution with its exact instant and a
 * count, so a period that starts or ends inside a block is exact;</li>
 * <li>{@code rollup_ledger}: per record, what it contributes now; a write applies the difference to the above. The
 * ledger is updated by compare-and-set on a sequence number, and every other update is an increment, so concurrent
 * writers (threads, replicas) commute.</li>
 * </ul>
 * A period {@code [from, to)} is read as: the entries of its partial first and last 10-minute blocks, whole years,
 * months, days, hours and blocks from the sums — at most 58 documents besides the days, months and years of the
 * period ({@link PeriodPlan}). {@code since} reads use day, hour and block documents only. Keys are not summed per
 * period (a read of every key in a period grows with the records): the families that count keys keep a chain per
 * key ({@link KeyChains}) and read derived sums.
 *
 * <p>What is not atomic: the ledger update and the increments are separate writes (the embedded store has no
 * transactions). A process killed between them leaves the rollups off until the next rebuild
 * ({@link #rebuild()}, also run at start when the sources' versions change).
 */
public class Rollups {

	/** The implicit dimension of the totals group (name and value). */
	public static final String TOTAL_DIMENSION = "_";

	static final String SUMS = "rollup_sums";

	static final String ENTRIES = "rollup_entries";

	static final String LEDGER = "rollup_ledger";

	static final String META = "rollup_meta";

	/** Bumped when the layout above changes. */
	static final String LAYOUT = "8";

	private static final Instant ORIGIN = Instant.parse("1970-01-01T00:00:00Z");

	/** The sums of everything before {@link #ORIGIN}, so a state at t never reads years before 1970. */
	static final String PRE_ORIGIN = "P";

	private static final Log log = LogFactory.getLog(Rollups.class);

	private final MongoTemplate mongo;

	private final Map<String, RollupSource> sources;

	private static final int BATCH = 5000;

	private final ThreadLocal<Map<String, Set<Object>>> deferred = new ThreadLocal<>();

	private final KeyChains chains;

	private volatile boolean ready;

	public Rollups(MongoTemplate mongo, Collection<RollupSource> sources) {
		this.mongo = mongo;
		this.chains = new KeyChains(mongo.getCollection(KeyChains.KEYS),
				sources.stream()
					.flatMap((source) -> source.distinctFamilies().stream())
					.collect(Collectors.toUnmodifiableSet()),
				sources.stream()
					.flatMap((source) -> source.firstSeenFamilies().stream())
					.collect(Collectors.toUnmodifiableSet()),
				sources.stream()
					.flatMap((source) -> source.anchoredFamilies().stream())
					.collect(Collectors.toUnmodifiableSet()));
		this.sources = sources.stream()
			.collect(Collectors.toMap(RollupSource::collection, Function.identity(), (a, b) -> {
				throw new IllegalStateException("two rollup sources for collection " + a.collection());
			}, LinkedHashMap::new));
	}

	public boolean handles(String collection) {
		return this.sources.containsKey(collection);
	}

	/** Whether the rollups reflect every record (false until the first build after a start finishes). */
	public boolean ready() {
		return this.ready;
	}

	// ---------------------------------------------------------------- write side

	/**
	 * Brings the rollups in line with the stored state of one record (after a save, or an update that bypassed the
	 * save lifecycle). Idempotent, safe to run concurrently for the same record. Inside {@link #deferring} the
	 * record is only noted, and refreshed with the others when the scope ends.
	 */
	public void refresh(String collection, Object id) {
		if (!this.sources.containsKey(collection) || id == null) {
			return;
		}
		Map<String, Set<Object>> deferred = this.deferred.get();
		if (deferred != null) {
			deferred.computeIfAbsent(collection, (c) -> new LinkedHashSet<>()).add(id);
			return;
		}
		refreshNow(collection, id);
	}

	private void refreshNow(String collection, Object id) {
		RollupSource source = this.sources.get(collection);
		String ledgerId = ledgerId(collection, id);
		MongoCollection<Document> ledger = this.mongo.getCollection(LEDGER);
		for (int attempt = 0; attempt < 20; attempt++) {
			Document entry = ledger.find(Filters.eq("_id", ledgerId)).first();
			Document stored = this.mongo.getCollection(collection).find(Filters.in("_id", idForms(id))).first();
			List<Contribution> before = (entry == null) ? List.of() : RollupDocuments.contributions(entry);
			List<Contribution> after = (stored == null) ? List.of() : source.contributions(stored);
			Diff diff = Diff.of(before, after);
			if (diff.isEmpty()) {
				return;
			}
			long seq = (entry == null) ? 1 : entry.get("seq", Number.class).longValue() + 1;
			if (entry == null) {
				try {
					ledger.insertOne(newLedger(ledgerId, after));
				}
				catch (MongoWriteException ex) {
					if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
						continue;
					}
					throw ex;
				}
			}
			else if (!compareAndSet(ledger, entry, after)) {
				continue;
			}
			RollupUpdates updates = new RollupUpdates();
			updates.add(diff);
			this.chains.apply(ledgerId, seq, diff, after, updates);
			updates.write(this.mongo.getCollection(SUMS), this.mongo.getCollection(ENTRIES));
			return;
		}
		throw new IllegalStateException("the rollup ledger of " + ledgerId + " kept changing under 20 attempts");
	}

	/**
	 * Runs {@code work} with every refresh of this thread put off until it ends, then refreshes each touched record
	 * once, in batches whose increments are merged per rollup document: what a bulk import needs (a deal's creation,
	 * stage moves and win in one file are one refresh, and a thousand records share one write per day document).
	 */
	public <T> T deferring(java.util.concurrent.Callable<T> work) throws Exception {
		if (this.deferred.get() != null) {
			return work.call();
		}
		Map<String, Set<Object>> touched = new LinkedHashMap<>();
		this.deferred.set(touched);
		try {
			return work.call();
		}
		finally {
			this.deferred.remove();
			touched.forEach(this::refreshAll);
		}
	}

	/** Refreshes many records of one collection: reads, ledger inserts and rollup increments in batches. */
	public void refreshAll(String collection, Collection<Object> ids) {
		RollupSource source = this.sources.get(collection);
		if (source == null) {
			return;
		}
		List<Object> all = new ArrayList<>(ids);
		for (int start = 0; start < all.size(); start += BATCH) {
			refreshBatch(collection, source, all.subList(start, Math.min(all.size(), start + BATCH)));
		}
	}

	private void refreshBatch(String collection, RollupSource source, List<Object> ids) {
		MongoCollection<Document> ledger = this.mongo.getCollection(LEDGER);
		Map<String, Document> entries = new HashMap<>();
		ledger.find(Filters.in("_id", ids.stream().map((id) -> ledgerId(collection, id)).toList()))
			.forEach((d) -> entries.put(d.getString("_id"), d));
		Map<String, Document> records = new HashMap<>();
		List<Object> forms = new ArrayList<>();
		ids.forEach((id) -> forms.addAll(idForms(id)));
		this.mongo.getCollection(collection).find(Filters.in("_id", forms))
			.forEach((d) -> records.put(String.valueOf(d.get("_id")), d));
		RollupUpdates updates = new RollupUpdates();
		List<KeyChains.Change> changes = new ArrayList<>();
		List<Object> retry = new ArrayList<>();
		Map<String, Diff> inserts = new LinkedHashMap<>();
		Map<String, List<Contribution>> insertAfter = new HashMap<>();
		Map<String, Object> insertIds = new HashMap<>();
		List<Document> newLedgers = new ArrayList<>();
		for (Object id : ids) {
			String ledgerId = ledgerId(collection, id);
			Document entry = entries.get(ledgerId);
			Document stored = records.get(String.valueOf(id));
			List<Contribution> after = (stored == null) ? List.of() : source.contributions(stored);
			Diff diff = Diff.of((entry == null) ? List.of() : RollupDocuments.contributions(entry), after);
			if (diff.isEmpty()) {
				continue;
			}
			if (entry == null) {
				inserts.put(ledgerId, diff);
				insertAfter.put(ledgerId, after);
				insertIds.put(ledgerId, id);
				newLedgers.add(newLedger(ledgerId, after));
			}
			else if (compareAndSet(ledger, entry, after)) {
				updates.add(diff);
				changes.add(new KeyChains.Change(ledgerId, entry.get("seq", Number.class).longValue() + 1, diff, after));
			}
			else {
				retry.add(id);
			}
		}
		if (!newLedgers.isEmpty()) {
			Set<String> failed = new java.util.HashSet<>();
			try {
				ledger.insertMany(newLedgers, new InsertManyOptions().ordered(false));
			}
			catch (MongoBulkWriteException ex) {
				ex.getWriteErrors().forEach((error) -> failed.add(newLedgers.get(error.getIndex()).getString("_id")));
			}
			inserts.forEach((ledgerId, diff) -> {
				if (failed.contains(ledgerId)) {
					retry.add(insertIds.get(ledgerId));
				}
				else {
					updates.add(diff);
					changes.add(new KeyChains.Change(ledgerId, 1, diff, insertAfter.get(ledgerId)));
				}
			});
		}
		this.chains.applyAll(changes, updates);
		updates.write(this.mongo.getCollection(SUMS), this.mongo.getCollection(ENTRIES));
		retry.forEach((id) -> refreshNow(collection, id));
	}

	/**
	 * The forms a record's id may be stored in: a caller holding an entity's id as a String (Spring Data maps
	 * {@code String id} fields to ObjectIds when they look like one) still finds the record.
	 */
	private static List<Object> idForms(Object id) {
		if (id instanceof String text && ObjectId.isValid(text)) {
			return List.of(text, new ObjectId(text));
		}
		return List.of(id);
	}

	private static String ledgerId(String collection, Object id) {
		return collection + "/" + id;
	}

	private static Document newLedger(String ledgerId, List<Contribution> contributions) {
		return new Document("_id", ledgerId).append("seq", 1L)
			.append("c", contributions.stream().map(RollupDocuments::encode).toList());
	}

	/** Replaces a ledger entry's contributions if nobody changed it since it was read. */
	private static boolean compareAndSet(MongoCollection<Document> ledger, Document entry,
			List<Contribution> contributions) {
		long seq = entry.get("seq", Number.class).longValue();
		// a plain {_id, seq} document: the embedded store finds it through the _id index ({$and: [...]} it scans)
		Bson sameSeq = new Document("_id", entry.get("_id")).append("seq", seq);
		Document update = new Document("$set",
				new Document("c", contributions.stream().map(RollupDocuments::encode).toList()))
			.append("$inc", new Document("seq", 1L));
		return ledger.updateOne(sameSeq, update).getModifiedCount() == 1;
	}

	/**
	 * Builds the rollups when they were built by other code (another layout or source version) or never finished:
	 * with other code, everything is dropped first; then every record of every source is refreshed (idempotent, so a
	 * build interrupted by a stop just starts again). Writes during the build are safe.
	 */
	public void ensureBuilt() {
		String fingerprint = fingerprint();
		MongoCollection<Document> meta = this.mongo.getCollection(META);
		Document state = meta.find(Filters.eq("_id", "state")).first();
		if (state != null && fingerprint.equals(state.getString("fingerprint"))
				&& Boolean.TRUE.equals(state.getBoolean("complete"))) {
			this.ready = true;
			return;
		}
		if (state == null || !fingerprint.equals(state.getString("fingerprint"))) {
			meta.replaceOne(Filters.eq("_id", "state"),
					new Document("_id", "state").append("fingerprint", fingerprint).append("complete", false),
					new ReplaceOptions().upsert(true));
			this.mongo.getCollection(SUMS).deleteMany(new Document());
			this.mongo.getCollection(ENTRIES).deleteMany(new Document());
			this.mongo.getCollection(LEDGER).deleteMany(new Document());
			this.mongo.getCollection(KeyChains.KEYS).deleteMany(new Document());
		}
		long started = System.nanoTime();
		long records = rebuild();
		meta.updateOne(Filters.eq("_id", "state"), new Document("$set", new Document("complete", true)));
		this.ready = true;
		log.info("KPI rollups built from " + records + " records in " + (System.nanoTime() - started) / 1_000_000
				+ " ms (" + fingerprint + ")");
	}

	/** Refreshes every record of every source; returns how many records were read. */
	public long rebuild() {
		long records = 0;
		for (String collection : this.sources.keySet()) {
			List<Object> ids = new ArrayList<>();
			Set<String> present = new java.util.HashSet<>();
			this.mongo.getCollection(collection).find().projection(Projections.include("_id")).forEach((d) -> {
				ids.add(d.get("_id"));
				present.add(String.valueOf(d.get("_id")));
			});
			// records deleted behind the listener's back still have ledger entries: refreshing them takes them out
			String prefix = collection + "/";
			this.mongo.getCollection(LEDGER)
				.find(Filters.regex("_id", "^" + java.util.regex.Pattern.quote(prefix)))
				.projection(Projections.include("_id"))
				.forEach((d) -> {
					String id = d.getString("_id").substring(prefix.length());
					if (!present.contains(id)) {
						ids.add(id);
					}
				});
			refreshAll(collection, ids);
			records += ids.size();
		}
		return records;
	}

	private String fingerprint() {
		return "layout " + LAYOUT + "; " + this.sources.values()
			.stream()
			.map((s) -> s.collection() + " " + s.version()
					+ (s.distinctFamilies().isEmpty() ? "" : " distinct " + new TreeSet<>(s.distinctFamilies()))
					+ (s.firstSeenFamilies().isEmpty() ? "" : " first " + new TreeSet<>(s.firstSeenFamilies()))
					+ (s.anchoredFamilies().isEmpty() ? "" : " anchored " + new TreeSet<>(s.anchoredFamilies())))
			.sorted()
			.collect(Collectors.joining(", "));
	}

	// ---------------------------------------------------------------- read side

	/**
	 * A reader for one facts request: it fetches each rollup document at most once, with only the given families.
	 */
	public Reader reader(String... families) {
		return new Reader(Set.of(families));
	}

	/** Reads rollups of a fixed set of families; not thread-safe, meant for one request. */
	public final class Reader {

		private final Set<String> families;

		/** per collection and projection: the documents fetched, by id (an empty one for a missing id) */
		private final Map<String, Map<String, Document>> fetched = new HashMap<>();

		private Reader(Set<String> families) {
			this.families = families;
		}

		/** Σ values of contributions with {@code at} ∈ [from, to), per value of {@code dimension} (null: totals). */
		public Map<String, Tally> sum(String family, Instant from, Instant to, String dimension) {
			return read(family, from, to, dimension, false);
		}

		/**
		 * How many distinct keys of a keyed family have a contribution in [from, to), per group: O(days), from the
		 * chains {@link KeyChains} keeps, not from key sets.
		 */
		public Map<String, Long> distinct(String family, Instant from, Instant to, String dimension) {
			String derived = KeyChains.distinctFamily(family, dimension);
			Map<String, Tally> events = read(derived, from, to, dimension, false);
			Map<String, Tally> repeats = read(derived, from, to, dimension, true);
			Map<String, Long> distinct = new TreeMap<>();
			events.forEach((group, tally) -> {
				long n = tally.value(KeyChains.EVENTS)
						- repeats.getOrDefault(group, new Tally()).value(KeyChains.REPEATS);
				if (n != 0 || dimension == null) {
					distinct.put(group, n);
				}
			});
			return distinct;
		}

		/**
		 * How many keys of an anchored family ({@code RollupSource.anchoredFamilies}) have an event and an anchor both
		 * in [from, to), per group: O(days), from the chains {@link KeyChains} keeps.
		 */
		public Map<String, Long> withAnchor(String family, Instant from, Instant to, String dimension) {
			Map<String, Long> counts = new TreeMap<>();
			read(KeyChains.anchoredFamily(family, dimension), from, to, dimension, true)
				.forEach((group, tally) -> {
					long n = tally.value(KeyChains.KEYS_ANCHORED);
					if (n != 0 || dimension == null) {
						counts.put(group, n);
					}
				});
			return counts;
		}

		/**
		 * Σ values of a keyed family's contributions in [from, to) whose key's first contribution ever is at or after
		 * {@code from} (keys new in the period): O(days).
		 */
		public Map<String, Tally> sumFirstSeen(String family, Instant from, Instant to, String dimension) {
			return read(KeyChains.firstFamily(family), from, to, dimension, true);
		}

		/** Σ values of contributions with {@code at} ∈ [from, to) and {@code since} ≥ {@code from}. */
		public Map<String, Tally> sumSince(String family, Instant from, Instant to, String dimension) {
			return read(family, from, to, dimension, true);
		}

		/**
		 * Σ values of contributions with {@code at} before {@code t}: a state at {@code t} made of +1/−1 steps. All
		 * history before 1970 is one document ({@code P}), so this reads at most ~60 years of year documents.
		 */
		public Map<String, Tally> stateAt(String family, Instant t, String dimension) {
			Map<String, Tally> beforeOrigin = new TreeMap<>();
			String dim = (dimension == null) ? TOTAL_DIMENSION : dimension;
			Document pre = familyOf(load(SUMS, List.of(PRE_ORIGIN), family + ".g." + RollupKeys.field(dim)),
					PRE_ORIGIN, family);
			if (pre != null) {
				RollupDocuments.addSums(beforeOrigin, pre, dim);
			}
			Map<String, Tally> state;
			if (t.isAfter(ORIGIN)) {
				state = read(family, ORIGIN, t, dimension, false);
			}
			else {
				// before 1970: everything before 1970 minus what came in [t, 1970)
				state = read(family, t, ORIGIN, dimension, false);
				state.values().forEach(Tally::negate);
			}
			beforeOrigin.forEach((group, tally) -> state
				.computeIfAbsent((dimension == null) ? "" : group, (g) -> new Tally())
				.addAll(tally, +1));
			return present(state, dimension);
		}

		private Map<String, Tally> read(String family, Instant from, Instant to, String dimension, boolean since) {
			if (!this.families.contains(KeyChains.base(family))) {
				throw new IllegalArgumentException("this reader was not opened for family " + family);
			}
			Map<String, Tally> groups = new TreeMap<>();
			if (!from.isBefore(to)) {
				return present(groups, dimension);
			}
			PeriodPlan plan = PeriodPlan.of(from, to, since);
			String dim = (dimension == null) ? TOTAL_DIMENSION : dimension;
			List<String> entryIds = new ArrayList<>();
			plan.partialBlocks().forEach((p) -> entryIds.add(RollupKeys.entriesDoc(p.block(), family)));
			LocalDate fromDay = RollupKeys.day(from);
			if (since) {
				entryIds.add(RollupKeys.sinceEntriesDoc(fromDay, family));
			}
			// only the requested dimension's part of each document travels
			String field = RollupKeys.field(dim);
			String[] parts = since ? new String[] { family + ".h." + field } : new String[] { family + ".g." + field };
			List<String> sumIds = plan.sumDocuments();
			List<String> dayIds = since ? sumIds.stream().filter((id) -> id.startsWith("D")).toList() : List.of();
			Map<String, Document> sums = load(SUMS, since ? sumIds.stream().filter((id) -> !id.startsWith("D")).toList()
					: sumIds, parts);
			Map<String, Document> days = dayIds.isEmpty() ? Map.of()
					: load(SUMS, dayIds, RollupKeys.sinceProjection(family, fromDay, field));
			Map<String, Document> entries = load(ENTRIES, entryIds, family);
			for (String id : sumIds) {
				boolean levels = since && id.startsWith("D");
				Document familyDoc = familyOf(levels ? days : sums, id, family);
				if (familyDoc == null) {
					continue;
				}
				if (!since) {
					RollupDocuments.addSums(groups, familyDoc, dim);
				}
				else if (levels) {
					RollupDocuments.addSinceAfter(groups, familyDoc, dim, fromDay);
				}
				else {
					RollupDocuments.addSinceAfterFlat(groups, familyDoc, dim, fromDay);
				}
			}
			for (PeriodPlan.PartialBlock partial : plan.partialBlocks()) {
				Document blockEntries = familyOf(entries, RollupKeys.entriesDoc(partial.block(), family), family);
				RollupDocuments.addEntries(groups, blockEntries, dim, (t, s) -> !t.isBefore(partial.from())
						&& t.isBefore(partial.to()) && (!since || (s != null && RollupKeys.day(s).isAfter(fromDay))));
			}
			if (since) {
				Document sinceEntries = familyOf(entries, RollupKeys.sinceEntriesDoc(fromDay, family), family);
				RollupDocuments.addEntries(groups, sinceEntries, dim,
						(t, s) -> !t.isBefore(from) && t.isBefore(to) && s != null && !s.isBefore(from));
			}
			if (dimension == null) {
				Tally total = groups.remove(TOTAL_DIMENSION);
				groups.clear();
				if (total != null) {
					groups.put("", total);
				}
			}
			return present(groups, dimension);
		}

		/**
		 * Only groups with something in them (contributions that cancel out, e.g. a record moved to another team,
		 * leave zeros behind); the totals always, as {@code ""}.
		 */
		private Map<String, Tally> present(Map<String, Tally> groups, String dimension) {
			groups.values().removeIf(Tally::isEmpty);
			if (dimension == null) {
				groups.putIfAbsent("", new Tally());
			}
			return groups;
		}

		private static Document familyOf(Map<String, Document> docs, String id, String family) {
			Document doc = docs.get(id);
			return (doc == null) ? null : doc.get(family, Document.class);
		}

		/** The documents {@code ids} of {@code collection} with only {@code fields}, each fetched once per reader. */
		private Map<String, Document> load(String collection, List<String> ids, String... fields) {
			Map<String, Document> cache = this.fetched.computeIfAbsent(collection + " " + String.join(",", fields),
					(k) -> new HashMap<>());
			List<String> missing = ids.stream().filter((id) -> !cache.containsKey(id)).distinct().toList();
			if (!missing.isEmpty()) {
				Rollups.this.mongo.getCollection(collection)
					.find(Filters.in("_id", missing))
					.projection(Projections.include(fields))
					.forEach((d) -> cache.put(d.getString("_id"), d));
				missing.forEach((id) -> cache.putIfAbsent(id, new Document("_id", id)));
			}
			return cache;
		}
	}

	/** Contributions removed and added by one write, as multisets (what both have in common cancels). */
	record Diff(List<Contribution> removed, List<Contribution> added) {

		static Diff of(List<Contribution> before, List<Contribution> after) {
			Map<Contribution, Integer> counts = new HashMap<>();
			before.forEach((c) -> counts.merge(c, -1, Integer::sum));
			after.forEach((c) -> counts.merge(c, 1, Integer::sum));
			List<Contribution> removed = new ArrayList<>();
			List<Contribution> added = new ArrayList<>();
			counts.forEach((c, n) -> {
				for (int i = 0; i < Math.abs(n); i++) {
					(n < 0 ? removed : added).add(c);
				}
			});
			return new Diff(removed, added);
		}

		boolean isEmpty() {
			return this.removed.isEmpty() && this.added.isEmpty();
		}
	}

	/** The increments and sets of one write, merged per document. */
	static final class RollupUpdates {

		private final Map<String, Map<String, Long>> sumIncrements = new TreeMap<>();

		private final Map<String, Map<String, Long>> entryIncrements = new TreeMap<>();

		private final Map<String, Map<String, Object>> entrySets = new TreeMap<>();

		void add(Diff diff) {
			diff.removed().forEach((c) -> add(c, -1));
			diff.added().forEach((c) -> add(c, +1));
		}

		void add(Contribution c, int sign) {
			LocalDate day = RollupKeys.day(c.at());
			String f = c.family();
			Map<String, String> groups = new TreeMap<>();
			groups.put(TOTAL_DIMENSION, TOTAL_DIMENSION);
			groups.putAll(c.dims());
			List<String> levels = new ArrayList<>(List.of(RollupKeys.yearDoc(day), RollupKeys.monthDoc(day),
					RollupKeys.dayDoc(day), RollupKeys.hourDoc(c.at().truncatedTo(java.time.temporal.ChronoUnit.HOURS)),
					RollupKeys.blockDoc(c.at())));
			if (c.at().isBefore(ORIGIN)) {
				levels.add(PRE_ORIGIN);
			}
			for (String doc : levels) {
				boolean isDay = doc.startsWith("D") || doc.startsWith("H") || doc.startsWith("T");
				groups.forEach((dim, value) -> {
					String group = RollupKeys.field(dim) + "." + RollupKeys.field(value);
					c.values().forEach((name, v) -> inc(this.sumIncrements, doc,
							f + ".g." + group + "." + RollupKeys.field(name), sign * v));
					if (isDay && c.since() != null) {
						for (String since : RollupKeys.sincePaths(doc, RollupKeys.day(c.since()), group)) {
							c.values().forEach((name, v) -> inc(this.sumIncrements, doc,
									f + since + RollupKeys.field(name), sign * v));
						}
					}
				});
			}
			entry(RollupKeys.entriesDoc(RollupKeys.block(c.at()), f), c, sign);
			if (c.since() != null) {
				entry(RollupKeys.sinceEntriesDoc(RollupKeys.day(c.since()), f), c, sign);
			}
		}

		private void entry(String doc, Contribution c, int sign) {
			String path = c.family() + "." + RollupKeys.entryName(c);
			inc(this.entryIncrements, doc, path + ".n", sign);
			Map<String, Object> sets = this.entrySets.computeIfAbsent(doc, (d) -> new TreeMap<>());
			// the content as one field (the embedded store pays per path of an update)
			Document encoded = RollupDocuments.encode(c);
			encoded.remove("f");
			sets.put(path + ".c", encoded);
		}

		private static void inc(Map<String, Map<String, Long>> increments, String doc, String path, long by) {
			if (by != 0) {
				increments.computeIfAbsent(doc, (d) -> new TreeMap<>()).merge(path, by, Long::sum);
			}
		}

		/**
		 * One unordered bulk write per collection: the embedded store (and MongoDB) apply them in one round trip,
		 * several times cheaper than an update each.
		 */
		void write(MongoCollection<Document> sums, MongoCollection<Document> entries) {
			UpdateOptions upsert = new UpdateOptions().upsert(true);
			List<WriteModel<Document>> sumWrites = new ArrayList<>();
			this.sumIncrements.forEach((doc, increments) -> {
				Document inc = new Document();
				increments.forEach((path, by) -> {
					if (by != 0) {
						inc.append(path, by);
					}
				});
				if (!inc.isEmpty()) {
					sumWrites.add(new UpdateOneModel<>(Filters.eq("_id", doc), new Document("$inc", inc), upsert));
				}
			});
			List<WriteModel<Document>> entryWrites = new ArrayList<>();
			Set<String> docs = new TreeSet<>(this.entryIncrements.keySet());
			docs.addAll(this.entrySets.keySet());
			for (String doc : docs) {
				Document update = new Document();
				Map<String, Long> increments = this.entryIncrements.getOrDefault(doc, Map.of());
				if (!increments.isEmpty()) {
					update.append("$inc", new Document(new LinkedHashMap<>(increments)));
				}
				Map<String, Object> sets = this.entrySets.getOrDefault(doc, Map.of());
				if (!sets.isEmpty()) {
					update.append("$set", new Document(new LinkedHashMap<>(sets)));
				}
				entryWrites.add(new UpdateOneModel<>(Filters.eq("_id", doc), update, upsert));
			}
			BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
			for (int i = 0; i < sumWrites.size(); i += 1000) {
				sums.bulkWrite(sumWrites.subList(i, Math.min(sumWrites.size(), i + 1000)), unordered);
			}
			for (int i = 0; i < entryWrites.size(); i += 1000) {
				entries.bulkWrite(entryWrites.subList(i, Math.min(entryWrites.size(), i + 1000)), unordered);
			}
		}
	}

	static Instant instant(Object value) {
		return (value instanceof Date date) ? date.toInstant() : null;
	}

}
