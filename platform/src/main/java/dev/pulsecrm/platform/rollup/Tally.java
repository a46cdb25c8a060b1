package dev.pulsecrm.platform.rollup;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The rollup totals of one group: summed values by name. */
public final class Tally {

	private final Map<String, Long> values = new TreeMap<>();

	public long value(String name) {
		return this.values.getOrDefault(name, 0L);
	}

	public Map<String, Long> values() {
		return Collections.unmodifiableMap(this.values);
	}

	void add(String name, long value) {
		this.values.merge(name, value, Long::sum);
	}

	void addAll(Tally other, int sign) {
		other.values.forEach((name, value) -> add(name, sign * value));
	}

	void negate() {
		this.values.replaceAll((name, value) -> -value);
	}

	boolean isEmpty() {
		return this.values.values().stream().allMatch((v) -> v == 0);
	}

	@Override
	public String toString() {
		return "Tally" + this.values;
	}
}
