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
 * from which two derived families are kept (and read in O(days), like any other):
 * <ul>
 * <li>{@code <family>~d~<dim>} (and {@code ~d~_} for the totals): per contribution, {@code events = 1}, and for all
 * but the key's first one in that group {@code repeats = 1} with {@code since} = the previous contribution of the
 * same key in the same group. Distinct keys in [from, to) = events in it − repeats in it whose previous one is
 * at or after {@code from} (a {@code since} read);</li>
 * <li>{@code <family>~f}: every contribution again, with {@code since} = the key's first contribution ever: values
 * of keys first seen in [from, to) (revenue of accounts that became customers in the period) are a {@code since}
 * read.</li>
 * </ul>
 * A chain lives in {@code rollup_keys} as one document per family and key, updated by compare-and-set; a change of
 * one record re-derives only the chains of the keys it touches (cost: the contributions of that key).
 */
final class KeyChains {

	static final String KEYS = "rollup_keys";

	static final String DISTINCT = "~d~";

	static final String FIRST = "~f";

	static final String EVENTS = "events";

	static final String REPEATS = "repeats";

	private final MongoCollection<Document> keys;

	private final java.util.Set<String> families;

	KeyChains(MongoCollection<Document> keys, java.util.Set<String> families) {
		this.keys = keys;
		this.families = families;
	}

	static String distinctFamily(String family, String dimension) {
		return family + DISTINCT + (dimension == null ? Rollups.TOTAL_DIMENSION : dimension);
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
		if (this.families.isEmpty()) {
			return;
		}
		java.util.Set<String> chains = new java.util.TreeSet<>(byChain(diff.removed()).keySet());
		chains.addAll(byChain(diff.added()).keySet());
		Map<String, List<Contribution>> current = byChain(after);
		for (String chain : chains) {
			move(chain, source, seq, current.getOrDefault(chain, List.of()), updates);
		}
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

	private void move(String chain, String source, long seq, List<Contribution> contributions,
			Rollups.RollupUpdates updates) {
		String sourceField = RollupKeys.field(source);
		for (int attempt = 0; attempt < 20; attempt++) {
			Document doc = this.keys.find(Filters.eq("_id", chain)).first();
			Document seqs = (doc == null) ? new Document() : doc.get("seqs", new Document());
			Number known = seqs.get(sourceField, Number.class);
			if (known != null && known.longValue() >= seq) {
				return;
			}
			List<Document> events = new ArrayList<>();
			if (doc != null) {
				for (Document event : doc.getList("events", Document.class, List.of())) {
					if (!source.equals(event.getString("src"))) {
						events.add(event);
					}
				}
			}
			for (Contribution c : contributions) {
				events.add(new Document("src", source).append("c", RollupDocuments.encode(c)));
			}
			seqs.put(sourceField, seq);
			List<Contribution> before = (doc == null) ? List.of()
					: doc.getList("derived", Document.class, List.of()).stream()
						.map((d) -> RollupDocuments.decode(d, null)).toList();
			List<Contribution> after = derive(events);
			List<Document> derived = after.stream().map(RollupDocuments::encode).toList();
			if (doc == null) {
				try {
					this.keys.insertOne(new Document("_id", chain).append("v", 1L).append("seqs", seqs)
						.append("events", events).append("derived", derived));
				}
				catch (MongoWriteException ex) {
					if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
						continue;
					}
					throw ex;
				}
			}
			else {
				long version = doc.get("v", Number.class).longValue();
				Document set = new Document("events", events).append("derived", derived).append("seqs", seqs);
				if (this.keys.updateOne(new Document("_id", chain).append("v", version),
						new Document("$set", set).append("$inc", new Document("v", 1L))).getModifiedCount() == 0) {
					continue;
				}
			}
			updates.add(Rollups.Diff.of(before, after));
			return;
		}
		throw new IllegalStateException("the rollup key chain " + chain + " kept changing under 20 attempts");
	}

	/** The derived contributions of one key's contributions (see the class comment). */
	static List<Contribution> derive(List<Document> events) {
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
			groups.put(Rollups.TOTAL_DIMENSION, null);
			groups.putAll(c.dims());
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
			derived.add(new Contribution(firstFamily(c.family()), c.at(), c.dims(), c.values(), null, first));
		}
		return derived;
	}
}
