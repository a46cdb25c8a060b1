package dev.pulsecrm.platform.rollup;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollup totals of one group: summed values, and for keyed families the summed values per distinct key (only
 * keys whose count {@code n} is positive, i.e. with at least one contribution in the period).
 */
public final class Tally {

	/** The value name under which every keyed contribution counts itself once. */
	public static final String COUNT = "#";

	private final Map<String, Long> values = new TreeMap<>();

	private final Map<String, Map<String, Long>> keys = new TreeMap<>();

	public long value(String name) {
		return this.values.getOrDefault(name, 0L);
	}

	public Map<String, Long> values() {
		return Collections.unmodifiableMap(this.values);
	}

	/** Distinct keys with at least one contribution, each with its summed values (and {@link #COUNT}). */
	public Map<String, Map<String, Long>> keys() {
		Map<String, Map<String, Long>> present = new TreeMap<>();
		this.keys.forEach((key, sums) -> {
			if (sums.getOrDefault(COUNT, 0L) > 0) {
				present.put(key, Collections.unmodifiableMap(sums));
			}
		});
		return Collections.unmodifiableMap(present);
	}

	void add(String name, long value) {
		this.values.merge(name, value, Long::sum);
	}

	void addKey(String key, String name, long value) {
		this.keys.computeIfAbsent(key, (k) -> new TreeMap<>()).merge(name, value, Long::sum);
	}

	void addAll(Tally other, int sign) {
		other.values.forEach((name, value) -> add(name, sign * value));
		other.keys.forEach((key, sums) -> sums.forEach((name, value) -> addKey(key, name, sign * value)));
	}

	void negate() {
		this.values.replaceAll((name, value) -> -value);
		this.keys.values().forEach((sums) -> sums.replaceAll((name, value) -> -value));
	}

	boolean isEmpty() {
		return this.values.values().stream().allMatch((v) -> v == 0) && keys().isEmpty();
	}

	@Override
	public String toString() {
		return "Tally" + this.values + keys();
	}
}
