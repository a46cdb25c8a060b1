package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/**
 * Distinct keys without key sets: for every key of a keyed family, the chain of its contributions in time order,
 * from which derived families are kept (and read in O(days), like any other), each only for the families that ask
 * for it ({@code RollupSource.distinctFamilies}, {@code firstSeenFamilies}):
 * <ul>
 * <li>{@code <family>~d~<dim>} (and {@code ~d~_} for the totals): per contribution, {@code events = 1}, and for all
 * but the key's first one in that group {@code repeats = 1} with {@code since} = the previous contribution of the
 * same key in the same group. Distinct keys in [from, to) = events in it − repeats in it whose previous one is
 * at or after {@code from} (a {@code since} read);</li>
 * <li>{@code <family>~f}: every contribution again, with {@code since} = the key's first contribution ever: values
 * of keys first seen in [from, to) (revenue of accounts that became customers in the period) are a {@code since}
 * read;</li>
 * <li>{@code <family>~a~<dim>}: keys with an event and an anchor ({@link Contribution#ANCHOR}) both in [from, to).
 * Per group, the shortest spans from an event to an anchor or back (two neighbouring instants of the chain, one
 * only an event and the other only an anchor, or one instant that is both) are what a period must contain; they do
 * not nest, so a period contains a run of consecutive ones or none. Each span adds {@code n = 1} at its end since its
 * start, each two consecutive spans {@code n = −1} at the second's end since the first's start: in a period the
 * count is (spans inside) − (consecutive pairs inside) = 1 when any is inside, else 0 (a {@code since} read).</li>
 * </ul>
 * A chain lives in {@code rollup_keys} as one document per family and key (its events; the derived contributions are
 * derived again when needed rather than stored), updated by compare-and-set; a change of one record re-derives only
 * the chains of the keys it touches (cost: the contributions of that key).
 */
final class KeyChains {

	static final String KEYS = "rollup_keys";

	static final String DISTINCT = "~d~";

	static final String FIRST = "~f";

	static final String EVENTS = "events";

	static final String REPEATS = "repeats";

	static final String ANCHORED = "~a~";

	/** the value of an anchored family's derived contributions */
	static final String KEYS_ANCHORED = "n";

	private final MongoCollection<Document> keys;

	/** the families with chains: those counted distinct, and those summed for keys first seen */
	private final java.util.Set<String> families;

	private final java.util.Set<String> distinct;

	private final java.util.Set<String> firstSeen;

	private final java.util.Set<String> anchored;

	KeyChains(MongoCollection<Document> keys, java.util.Set<String> distinct, java.util.Set<String> firstSeen,
			java.util.Set<String> anchored) {
		this.keys = keys;
		this.distinct = distinct;
		this.firstSeen = firstSeen;
		this.anchored = anchored;
		java.util.Set<String> all = new java.util.HashSet<>(distinct);
		all.addAll(firstSeen);
		all.addAll(anchored);
		this.families = java.util.Set.copyOf(all);
	}

	static String distinctFamily(String family, String dimension) {
		return family + DISTINCT + (dimension == null ? Rollups.TOTAL_DIMENSION : dimension);
	}

	static String anchoredFamily(String family, String dimension) {
		return family + ANCHORED + (dimension == null ? Rollups.TOTAL_DIMENSION : dimension);
	}

	static String firstFamily(String family) {
		return family + FIRST;
	}

	/** The family a derived family was derived from (itself when not derived). */
	static String base(String family) {
		int tilde = family.indexOf('~');
		return (tilde < 0) ? family : family.substring(0, tilde);
	}

	/**
	 * Sets, in the chain of every key the record {@code source} touched by {@code diff}, that record's contributions
	 * to those of {@code after} (its state at ledger sequence {@code seq}), adding the difference of the chains'
	 * derived contributions to {@code updates}. A chain remembers the sequence it last took from each record, so a
	 * slower writer of an older state cannot overwrite a newer one.
	 */
	void apply(String source, long seq, Rollups.Diff diff, List<Contribution> after, Rollups.RollupUpdates updates) {
		applyAll(List.of(new Change(source, seq, diff, after)), updates);
	}

	/** One record's write, for {@link #applyAll}. */
	record Change(String source, long seq, Rollups.Diff diff, List<Contribution> after) {
	}

	/** What one record now contributes to one chain. */
	private record Step(String source, long seq, List<Contribution> contributions) {
	}

	/**
	 * As {@link #apply} for the records of a batch (an import): the chains they touch are read in one query and each
	 * is written once, by compare-and-set, with every step of the batch taken; a chain that changed under the batch
	 * is redone step by step from what is stored.
	 */
	void applyAll(List<Change> changes, Rollups.RollupUpdates updates) {
		if (this.families.isEmpty()) {
			return;
		}
		Map<String, List<Step>> steps = new LinkedHashMap<>();
		for (Change change : changes) {
			java.util.Set<String> chains = new java.util.TreeSet<>(byChain(change.diff().removed()).keySet());
			chains.addAll(byChain(change.diff().added()).keySet());
			Map<String, List<Contribution>> current = byChain(change.after());
			for (String chain : chains) {
				steps.computeIfAbsent(chain, (k) -> new ArrayList<>())
					.add(new Step(change.source(), change.seq(), current.getOrDefault(chain, List.of())));
			}
		}
		if (steps.isEmpty()) {
			return;
		}
		Map<String, Document> stored = new HashMap<>();
		List<String> ids = new ArrayList<>(steps.keySet());
		for (int i = 0; i < ids.size(); i += 1000) {
			this.keys.find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + 1000))))
				.forEach((d) -> stored.put(d.getString("_id"), d));
		}
		steps.forEach((chain, chainSteps) -> {
			Document doc = stored.get(chain);
			Document next = doc;
			for (Step step : chainSteps) {
				Document taken = take(chain, next, step);
				next = (taken != null) ? taken : next;
			}
			if (next == doc) {
				return;
			}
			if (write(doc, next)) {
				updates.add(Rollups.Diff.of(derived(doc), derived(next)));
			}
			else {
				chainSteps.forEach((step) -> move(chain, step, updates));
			}
		});
	}

	private Map<String, List<Contribution>> byChain(List<Contribution> contributions) {
		Map<String, List<Contribution>> chains = new HashMap<>();
		for (Contribution c : contributions) {
			if (c.key() != null && this.families.contains(c.family())) {
				chains.computeIfAbsent(c.family() + "\u0001" + c.key(), (k) -> new ArrayList<>()).add(c);
			}
		}
		return chains;
	}

	/** One step from what is stored now, retried while other writers change the chain. */
	private void move(String chain, Step step, Rollups.RollupUpdates updates) {
		for (int attempt = 0; attempt < 20; attempt++) {
			Document doc = this.keys.find(Filters.eq("_id", chain)).first();
			Document next = take(chain, doc, step);
			if (next == null) {
				return;
			}
			if (write(doc, next)) {
				updates.add(Rollups.Diff.of(derived(doc), derived(next)));
				return;
			}
		}
		throw new IllegalStateException("the rollup key chain " + chain + " kept changing under 20 attempts");
	}

	/**
	 * The chain {@code doc} (null: none yet) with {@code step}'s record contributing its contributions instead of
	 * what it did before, its sequence noted, and the derived contributions re-derived; null when the chain already
	 * took that record's state or a later one.
	 */
	private static Document take(String chain, Document doc, Step step) {
		String sourceField = RollupKeys.field(step.source());
		Document seqs = new Document((doc == null) ? new Document() : doc.get("seqs", new Document()));
		Number known = seqs.get(sourceField, Number.class);
		if (known != null && known.longValue() >= step.seq()) {
			return null;
		}
		List<Document> events = new ArrayList<>();
		if (doc != null) {
			for (Document event : doc.getList("events", Document.class, List.of())) {
				if (!step.source().equals(event.getString("src"))) {
					events.add(event);
				}
			}
		}
		for (Contribution c : step.contributions()) {
			events.add(new Document("src", step.source()).append("c", RollupDocuments.encode(c)));
		}
		seqs.put(sourceField, step.seq());
		long version = (doc == null) ? 0 : doc.get("v", Number.class).longValue();
		return new Document("_id", chain).append("v", version + 1).append("seqs", seqs).append("events", events);
	}

	/** A chain's derived contributions, from its events (not stored: they are as large as the events). */
	private List<Contribution> derived(Document doc) {
		return (doc == null) ? List.of()
				: derive(doc.getList("events", Document.class, List.of()), this.distinct, this.firstSeen,
						this.anchored);
	}

	/** Stores {@code next} in place of {@code doc} (null: a new chain) if nobody changed it meanwhile. */
	private boolean write(Document doc, Document next) {
		if (doc == null) {
			try {
				this.keys.insertOne(next);
				return true;
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
					return false;
				}
				throw ex;
			}
		}
		long version = doc.get("v", Number.class).longValue();
		Document set = new Document("events", next.get("events")).append("seqs", next.get("seqs"));
		return this.keys.updateOne(new Document("_id", doc.get("_id")).append("v", version),
				new Document("$set", set).append("$inc", new Document("v", 1L))).getModifiedCount() == 1;
	}

	/** The derived contributions of one key's contributions (see the class comment). */
	static List<Contribution> derive(List<Document> events, java.util.Set<String> distinct,
			java.util.Set<String> firstSeen, java.util.Set<String> anchored) {
		List<Contribution> chain = new ArrayList<>();
		for (Document event : events) {
			chain.add(RollupDocuments.decode(event.get("c", Document.class), null));
		}
		chain.sort(Comparator.comparing(Contribution::at).thenComparing((c) -> RollupDocuments.encode(c).toJson()));
		List<Contribution> derived = new ArrayList<>();
		if (chain.isEmpty()) {
			return derived;
		}
		Instant first = chain.get(0).at();
		Map<String, Instant> previous = new HashMap<>();
		for (Contribution c : chain) {
			Map<String, String> groups = new LinkedHashMap<>();
			if (distinct.contains(c.family())) {
				groups.put(Rollups.TOTAL_DIMENSION, null);
				groups.putAll(c.dims());
			}
			groups.forEach((dimension, value) -> {
				String family = distinctFamily(c.family(), dimension);
				Map<String, String> dims = (value == null) ? Map.of() : Map.of(dimension, value);
				Instant prev = previous.put(dimension + "\u0001" + value, c.at());
				Map<String, Long> values = new TreeMap<>();
				values.put(EVENTS, 1L);
				if (prev != null) {
					values.put(REPEATS, 1L);
				}
				derived.add(new Contribution(family, c.at(), dims, values, null, prev));
			});
			if (firstSeen.contains(c.family())) {
				derived.add(new Contribution(firstFamily(c.family()), c.at(), c.dims(), c.values(), null, first));
			}
		}
		if (anchored.contains(chain.get(0).family())) {
			derived.addAll(anchoredSpans(chain));
		}
		return derived;
	}

	/** The derived contributions of an anchored family's chain (in time order): see the class comment. */
	private static List<Contribution> anchoredSpans(List<Contribution> chain) {
		// per group: instant → 1 event, 2 anchor, 3 both
		Map<String, TreeMap<Instant, Integer>> groups = new LinkedHashMap<>();
		for (Contribution c : chain) {
			int kind = c.values().containsKey(Contribution.ANCHOR) ? 2 : 1;
			groups.computeIfAbsent(Rollups.TOTAL_DIMENSION + "\u0001", (k) -> new TreeMap<>())
				.merge(c.at(), kind, (a, b) -> a | b);
			c.dims().forEach((dimension, value) -> groups
				.computeIfAbsent(dimension + "\u0001" + value, (k) -> new TreeMap<>())
				.merge(c.at(), kind, (a, b) -> a | b));
		}
		String family = chain.get(0).family();
		List<Contribution> derived = new ArrayList<>();
		groups.forEach((group, instants) -> {
			int split = group.indexOf('\u0001');
			String dimension = group.substring(0, split);
			Map<String, String> dims = Rollups.TOTAL_DIMENSION.equals(dimension) ? Map.of()
					: Map.of(dimension, group.substring(split + 1));
			String derivedFamily = anchoredFamily(family, Rollups.TOTAL_DIMENSION.equals(dimension) ? null : dimension);
			List<Instant[]> spans = new ArrayList<>();
			Map.Entry<Instant, Integer> before = null;
			for (Map.Entry<Instant, Integer> at : instants.entrySet()) {
				if (at.getValue() == 3) {
					spans.add(new Instant[] { at.getKey(), at.getKey() });
				}
				else if (before != null && before.getValue() != 3 && !before.getValue().equals(at.getValue())) {
					spans.add(new Instant[] { before.getKey(), at.getKey() });
				}
				before = at;
			}
			for (int i = 0; i < spans.size(); i++) {
				Instant[] span = spans.get(i);
				derived.add(new Contribution(derivedFamily, span[1], dims, Map.of(KEYS_ANCHORED, 1L), null, span[0]));
				if (i + 1 < spans.size()) {
					derived.add(new Contribution(derivedFamily, spans.get(i + 1)[1], dims, Map.of(KEYS_ANCHORED, -1L),
							null, span[0]));
				}
			}
		});
		return derived;
	}
}
