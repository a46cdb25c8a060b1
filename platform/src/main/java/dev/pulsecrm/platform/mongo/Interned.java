package dev.pulsecrm.platform.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;

/**
 * One copy of each field name and short string in the in-memory store.
 *
 * <p>Why: the store keeps every document as decoded from the wire, so each rollup document held its own copies of the
 * same names ({@code "won"}, {@code "g"}, owner ids, days; 20 million strings at 100k deals). Sharing them took the
 * heap of table 7's 10k deals from 696 to 644 MiB (most strings turned out to be one of a kind: entry names, ids).
 * {@link String#intern()} shares them, and lets go of strings no document uses any more.
 */
final class Interned {

	/** Longer strings (texts, notes) are rarely repeated: left as they are. */
	static final int MAX_LENGTH = 48;

	private Interned() {
	}

	/** The document with its names and short strings shared (a new document; nested ones too). */
	static Document document(Document document) {
		Document shared = new Document();
		for (Map.Entry<String, Object> field : document.entrySet()) {
			shared.put(field.getKey().intern(), value(field.getValue()));
		}
		return shared;
	}

	static Object value(Object value) {
		if (value instanceof Document nested) {
			return document(nested);
		}
		if (value instanceof String text) {
			return string(text);
		}
		if (value instanceof List<?> values) {
			List<Object> shared = new ArrayList<>(values.size());
			values.forEach((v) -> shared.add(value(v)));
			return shared;
		}
		return value;
	}

	static String string(String text) {
		return (text.length() <= MAX_LENGTH) ? text.intern() : text;
	}

}
