package dev.pulsecrm.platform.mongo;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ObjectDataType;

/**
 * A unique index of the H2 file backend whose keys compare without being serialized on every comparison.
 *
 * <p>Why: mongo-java-server's H2 index keeps {@link KeyValue}s in an {@code MVMap} with H2's default key type, which
 * compares two objects that are not {@link Comparable} by Java-serializing both — at every step of every lookup's
 * binary search. Under {@code ./crm up} that was 72 % of sales-service's CPU while it answered KPI requests (JFR,
 * session 6). Here every key is a {@link SortableKey}: it serializes its key value once and compares those bytes
 * exactly as H2 did (same order, same equality), so an index written before is migrated by rewrapping its keys when
 * it is opened, and behaves as before. The index's file then holds {@code SortableKey}s: the plain H2 backend can no
 * longer look documents up in it.
 */
final class H2KeyIndex extends AbstractUniqueIndex<Object> {

	private final MVMap<Object, Object> map;

	H2KeyIndex(MVMap<Object, Object> map, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.map = map;
		migrate(map);
	}

	/** Rewraps the keys of an index written by the store's own H2 index (plain {@link KeyValue}s). */
	static void migrate(MVMap<Object, Object> map) {
		if (map.isEmpty() || !(map.firstKey() instanceof KeyValue)) {
			return;
		}
		List<Map.Entry<Object, Object>> entries = new ArrayList<>();
		map.entrySet().forEach((entry) -> entries.add(Map.entry(entry.getKey(), entry.getValue())));
		map.clear();
		entries.forEach((entry) -> map.put(new SortableKey((KeyValue) entry.getKey()), entry.getValue()));
	}

	@Override
	protected Object removeDocument(KeyValue keyValue) {
		return this.map.remove(new SortableKey(keyValue));
	}

	@Override
	protected boolean putKeyPosition(KeyValue keyValue, Object position) {
		return this.map.putIfAbsent(new SortableKey(keyValue), Missing.ofNullable(position)) == null;
	}

	@Override
	protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
		return () -> this.map.entrySet()
			.stream()
			.map((entry) -> (Map.Entry<KeyValue, Object>) new AbstractMap.SimpleImmutableEntry<>(
					((SortableKey) entry.getKey()).value, entry.getValue()))
			.iterator();
	}

	@Override
	protected Object getPosition(KeyValue keyValue) {
		return this.map.get(new SortableKey(keyValue));
	}

	@Override
	public long getCount() {
		return this.map.sizeAsLong();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	/** A key value ordered by its serialized bytes, serialized once per instance (not stored: rebuilt on load). */
	static final class SortableKey implements Comparable<SortableKey>, Serializable {

		private static final long serialVersionUID = 1L;

		final KeyValue value;

		private transient volatile byte[] bytes;

		SortableKey(KeyValue value) {
			this.value = value;
		}

		private byte[] bytes() {
			byte[] serialized = this.bytes;
			if (serialized == null) {
				serialized = ObjectDataType.serialize(this.value);
				this.bytes = serialized;
			}
			return serialized;
		}

		@Override
		public int compareTo(SortableKey other) {
			return ObjectDataType.compareNotNull(bytes(), other.bytes());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SortableKey key && Arrays.equals(bytes(), key.bytes());
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(bytes());
		}

		@Override
		public String toString() {
			return String.valueOf(this.value);
		}

	}

}
