package dev.pulsecrm.platform.mongo;

import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Lets the embedded store find a document by its {@code _id} when the query names more fields than the {@code _id}.
 *
 * <p>Why: mongo-java-server uses an index only when a query's fields are exactly the index's fields, so
 * {@code {_id: x, version: 3}} — the query of every save of a versioned entity (optimistic concurrency) — read the
 * whole collection: a stage move cost 15–20 ms of CPU at 10k deals and grew with every deal added. Looking the
 * document up by {@code _id} and then matching the whole query on it gives the same answer.
 */
final class IdLookup {

	private IdLookup() {
	}

	/**
	 * Where the document {@code query} names stands, found through the collection's {@code _id} index, or null when
	 * the query is not a plain {@code _id} equality next to other fields (the collection then does what it always did).
	 * The caller still matches the whole query against that document.
	 */
	static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
		Document idQuery = idOnly(query);
		Index<P> index = (idQuery != null) ? idIndex(indexes, idQuery) : null;
		return (index != null) ? index.getPositions(idQuery) : null;
	}

	/**
	 * The positions of the documents {@code {_id: {$in: [plain values]}}} names, found through the {@code _id} index,
	 * without duplicates; or null for any other query. The documents need no further matching: the store matched each
	 * against the whole {@code $in} list again, which made reading a batch of n records by id cost n² comparisons
	 * (a rollup refresh of 5 000 records spent most of its time there).
	 */
	static <P> Iterable<P> inPositions(List<Index<P>> indexes, Document query) {
		if (query.size() != 1 || !(query.get("_id") instanceof Document condition) || condition.size() != 1
				|| !(condition.get("$in") instanceof java.util.Collection<?> values)) {
			return null;
		}
		for (Object value : values) {
			if (!plain(value)) {
				return null;
			}
		}
		Index<P> index = idIndex(indexes, query);
		return (index != null) ? new java.util.LinkedHashSet<>(
				java.util.stream.StreamSupport.stream(index.getPositions(query).spliterator(), false).toList()) : null;
	}

	/** {@code {_id: value}} when {@code query} compares {@code _id} by plain equality next to other fields; else null. */
	static Document idOnly(Document query) {
		if (query.size() == 1 && query.get("$and") instanceof java.util.Collection<?> terms) {
			// the driver's Filters.and(eq("_id", x), …) renders as {$and: [{_id: x}, …]}
			for (Object term : terms) {
				if (term instanceof Document single && single.size() == 1 && single.containsKey("_id")) {
					Document id = idOnly(new Document(single).append("$and", terms));
					if (id != null) {
						return id;
					}
				}
			}
			return null;
		}
		if (query.size() < 2 || !query.containsKey("_id")) {
			return null;
		}
		Object id = query.get("_id");
		if (!plain(id)) {
			return null;
		}
		return new Document("_id", id);
	}

	/** An {@code _id} compared by plain equality: not null, not a condition, an array or a regular expression. */
	static boolean plain(Object id) {
		return id != null && !(id instanceof Document) && !(id instanceof java.util.Collection<?>)
				&& !BsonRegularExpression.isRegularExpression(id);
	}

	/** The collection's index on {@code _id} alone, if it has one that can answer {@code idQuery}. */
	static <P> Index<P> idIndex(List<Index<P>> indexes, Document idQuery) {
		for (Index<P> index : indexes) {
			List<IndexKey> keys = index.getKeys();
			if (keys.size() == 1 && "_id".equals(keys.get(0).getKey()) && index.canHandle(idQuery)) {
				return index;
			}
		}
		return null;
	}

}
