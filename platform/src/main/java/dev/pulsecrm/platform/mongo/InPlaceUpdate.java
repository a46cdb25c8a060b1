package dev.pulsecrm.platform.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * Applies the plain updates of one document found by {@code _id} — {@code $inc} and {@code $set} of field paths —
 * touching only the paths they name, for the embedded store.
 *
 * <p>Why: mongo-java-server applies every update by deep-copying the whole document twice, comparing every pair of
 * updated paths, running a regular expression per path segment and BSON-encoding the document to track its size. A
 * rollup document gets dozens of increments per write and grows with the data, so a deal save spent most of its time
 * there (60% of the rollup load's CPU, profiled). The answer is the same: only the shape of update this class can do
 * exactly is taken here, everything else (operators, array paths, a path that would fail, an upsert with more than
 * {@code _id} in the query) goes the store's own way.
 *
 * <p>Documents along the updated paths are copied and replaced rather than changed (a reply being encoded on another
 * thread still sees the old one whole), as the store does.
 */
final class InPlaceUpdate {

	/**
	 * What the collection gives this class, called under the collection's lock: its full name (for the oplog, which
	 * only a replica-set server keeps), its indexes, its stored document at a position, its query matcher, what it
	 * does after a stored document changed (the H2 store writes it back) and its insert.
	 */
	record Target<P>(String name, List<Index<P>> indexes, Function<P, Document> document,
			BiPredicate<Document, Document> matches, BiConsumer<P, Document> updated, Consumer<Document> insert) {

		/** The position of the document with this {@code _id}, or null. */
		P position(Document idQuery) {
			Index<P> index = IdLookup.idIndex(this.indexes, idQuery);
			return (index != null) ? index.getPosition(idQuery) : null;
		}

	}

	/** How many updates this JVM applied here rather than the store's way (for tests and diagnostics). */
	static final java.util.concurrent.atomic.AtomicLong APPLIED = new java.util.concurrent.atomic.AtomicLong();

	private InPlaceUpdate() {
	}

	/**
	 * The store's reply to the update ({@code n}, {@code nModified}, {@code upserted}), or null when the update is not
	 * one this class does; then nothing was changed.
	 */
	static <P> Document apply(Target<P> target, Document selector, Document update, ArrayFilters arrayFilters,
			boolean upsert, Oplog oplog) {
		if (arrayFilters != null && !arrayFilters.isEmpty()) {
			return null;
		}
		Document idQuery = idQuery(selector);
		Map<String, Object> increments = operator(update, "$inc");
		Map<String, Object> sets = operator(update, "$set");
		if (idQuery == null || increments == null || sets == null || increments.isEmpty() && sets.isEmpty()
				|| !plainPaths(increments, sets)) {
			return null;
		}
		if (indexed(target.indexes(), increments.keySet()) || indexed(target.indexes(), sets.keySet())) {
			return null;
		}
		for (Object by : increments.values()) {
			if (!(by instanceof Number)) {
				return null;
			}
		}
		for (Object value : sets.values()) {
			if (!storable(value)) {
				return null;
			}
		}
		P position = target.position(idQuery);
		Document stored = (position != null) ? target.document().apply(position) : null;
		// found through the _id index: only a query naming more than the _id needs matching
		if (stored != null && selector != idQuery && !target.matches().test(stored, selector)) {
			stored = null;
		}
		if (stored == null) {
			if (!upsert) {
				APPLIED.incrementAndGet();
				return reply(0, 0);
			}
			if (selector.size() != 1 || !selector.containsKey("_id")) {
				return null; // the store builds the new document from the query's other fields
			}
			Document created = new Document("_id", idQuery.get("_id"));
			write(created, increments, sets);
			target.insert().accept(created);
			APPLIED.incrementAndGet();
			oplog.handleInsert(target.name(), List.of(created));
			return reply(0, 0).append("upserted", created.get("_id"));
		}
		if (!applicable(stored, increments, true) || !applicable(stored, sets, false)) {
			return null;
		}
		boolean modified = write(stored, increments, sets);
		APPLIED.incrementAndGet();
		// written back even when unmodified as the store counts it: 0 + 0.0 stores 0.0, as the store's update does
		target.updated().accept(position, stored);
		if (modified) {
			oplog.handleUpdate(target.name(), selector, update, List.of(idQuery.get("_id")));
		}
		return reply(1, modified ? 1 : 0);
	}

	/** {@code {_id: value}} for a query on a plain {@code _id} (alone, or next to other fields), else null. */
	private static Document idQuery(Document selector) {
		if (selector.size() == 1 && selector.containsKey("_id")) {
			return IdLookup.plain(selector.get("_id")) ? selector : null;
		}
		return IdLookup.idOnly(selector);
	}

	/** Whether a path shares its top-level field with a field of an index other than {@code _id}. */
	private static <P> boolean indexed(List<Index<P>> indexes, Set<String> paths) {
		for (Index<P> index : indexes) {
			for (IndexKey key : index.getKeys()) {
				String field = head(key.getKey());
				if (!field.equals("_id") && paths.stream().anyMatch((path) -> head(path).equals(field))) {
					return true;
				}
			}
		}
		return false;
	}

	private static String head(String path) {
		int dot = path.indexOf('.');
		return (dot < 0) ? path : path.substring(0, dot);
	}

	/** The paths of one operator ({@code {}} when absent); null when the update has anything else. */
	private static Map<String, Object> operator(Document update, String name) {
		for (String key : update.keySet()) {
			if (!key.equals("$inc") && !key.equals("$set")) {
				return null;
			}
		}
		Object paths = update.get(name);
		if (paths == null) {
			return Map.of();
		}
		return (paths instanceof Document document) ? document : null;
	}

	/** Dotted names of fields (no array positions, operators or {@code _id}), none inside another. */
	private static boolean plainPaths(Map<String, Object> increments, Map<String, Object> sets) {
		Set<String> all = new HashSet<>();
		List<String> paths = new ArrayList<>(increments.keySet());
		paths.addAll(sets.keySet());
		for (String path : paths) {
			if (!all.add(path)) {
				return false;
			}
			String[] segments = path.split("\\.", -1);
			if (segments[0].equals("_id")) {
				return false;
			}
			for (String segment : segments) {
				if (segment.isEmpty() || segment.startsWith("$") || isIndex(segment)) {
					return false;
				}
			}
		}
		for (String path : paths) {
			for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
				if (all.contains(path.substring(0, dot))) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean isIndex(String segment) {
		for (int i = 0; i < segment.length(); i++) {
			if (!Character.isDigit(segment.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** A value the store keeps as given: field names without dots or a leading {@code $}. */
	private static boolean storable(Object value) {
		if (value instanceof Document document) {
			for (Map.Entry<String, Object> field : document.entrySet()) {
				if (field.getKey().contains(".") || field.getKey().startsWith("$") || !storable(field.getValue())) {
					return false;
				}
			}
		}
		else if (value instanceof Collection<?> values) {
			for (Object element : values) {
				if (!storable(element)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Whether every path leads through documents (or missing fields) and, for increments, ends on a number or a
	 * missing field: otherwise the store's own update gives the error it gives.
	 */
	private static boolean applicable(Document document, Map<String, Object> paths, boolean numbers) {
		for (String path : paths.keySet()) {
			Object node = document;
			boolean present = true;
			for (String segment : path.split("\\.")) {
				if (!(node instanceof Document current)) {
					return false;
				}
				present = current.containsKey(segment);
				if (!present) {
					break;
				}
				node = current.get(segment);
			}
			if (numbers && present && !(node instanceof Number)) {
				return false;
			}
		}
		return true;
	}

	/** Writes the paths, copying each document under the top level they pass once; whether any value changed. */
	private static boolean write(Document document, Map<String, Object> increments, Map<String, Object> sets) {
		Node root = new Node();
		increments.forEach((path, by) -> root.at(path).change = new Increment((Number) by));
		sets.forEach((path, value) -> root.at(path).change = Interned.value(value));
		return write(document, root);
	}

	private static boolean write(Document document, Node node) {
		boolean modified = false;
		for (Map.Entry<String, Node> entry : node.children.entrySet()) {
			String field = entry.getKey();
			Node child = entry.getValue();
			if (child.children.isEmpty()) {
				boolean existed = document.containsKey(field);
				Object before = document.get(field);
				Object value = resolve(before, existed, child.change);
				document.put(field, value);
				modified |= !existed || !same(before, value);
			}
			else {
				Document copied = (document.get(field) instanceof Document original) ? new Document(original)
						: new Document();
				modified |= write(copied, child);
				document.put(field, copied);
			}
		}
		return modified;
	}

	/** The changes by path segment (no path lies inside another, so a node with children has no change). */
	private static final class Node {

		final Map<String, Node> children = new LinkedHashMap<>();

		Object change;

		Node at(String path) {
			Node node = this;
			for (String segment : path.split("\\.")) {
				node = node.children.computeIfAbsent(Interned.string(segment), (s) -> new Node());
			}
			return node;
		}

	}

	/** Equal as the store counts a modification: numbers by value, documents field by field in order. */
	private static boolean same(Object a, Object b) {
		return Objects.equals(normalized(a), normalized(b));
	}

	private static Object normalized(Object value) {
		if (value instanceof Long big && (double) big != big) {
			return big;
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			return (d == 0.0) ? 0.0 : d;
		}
		if (value instanceof Map<?, ?> map) {
			Document document = new Document();
			map.forEach((k, v) -> document.put(String.valueOf(k), normalized(v)));
			return document;
		}
		return value;
	}

	private static Object resolve(Object before, boolean existed, Object change) {
		if (change instanceof Increment increment) {
			return (existed && before != null) ? NumericUtils.addNumbers((Number) before, increment.by())
					: increment.by();
		}
		return change;
	}

	private static Document reply(int matched, int modified) {
		return new Document("n", matched).append("nModified", modified);
	}

	/** An {@code $inc} amount, told apart from a value {@code $set} puts. */
	private record Increment(Number by) {
	}

}
