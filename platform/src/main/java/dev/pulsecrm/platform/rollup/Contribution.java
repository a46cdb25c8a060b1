package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One thing a stored record adds to the KPI rollups: at instant {@code at}, in family {@code family}, the numbers
 * {@code values}, counted in the totals group and in one group per dimension of {@code dims}.
 *
 * <p>A record's contributions are a pure function of its stored state ({@link RollupSource}); the rollups hold the
 * sum of every record's contributions, kept exact by applying the difference between what a record contributed
 * before a write and what it contributes after. Two kinds of contribution serve the facts that are not plain sums:
 * <ul>
 * <li>{@code key}: a distinct key (an account id, a campaign-and-lead pair). For the families that ask for it
 * ({@code RollupSource.distinctFamilies}, {@code firstSeenFamilies}, {@code anchoredFamilies}) the engine keeps
 * each key's chain of contributions and derives sums from it, so "distinct accounts with a deal won in the period"
 * is read in O(days); the keys themselves are never summed per period;</li>
 * <li>{@code since}: an earlier instant of the same record (a lead's creation for its conversion). Day rollups keep a
 * histogram by the day of {@code since}, so "created in the period and converted in the period" is a sum over
 * the period's days of the histogram at or after the period's first day, exact at the boundary day.</li>
 * </ul>
 * A state at an instant (deals open at {@code to}, customers active at {@code from}) is a running sum of +1/−1
 * contributions at the instants a record enters and leaves the state.
 *
 * @param family the fact, letters, digits, {@code _} and {@code -} (a keyed family's distinct counts are derived
 *               by {@link Rollups} itself)
 * @param at     when it counts
 * @param dims   dimension name → the record's value ({@code ""} when it has none); the totals group is implicit
 * @param values value name → number (counts, cents, milliseconds)
 * @param key    the distinct key, or null
 * @param since  the earlier instant for joint conditions, or null; not after {@code at}
 */
public record Contribution(String family, Instant at, Map<String, String> dims, Map<String, Long> values, String key,
		Instant since) {

	/**
	 * The value marking a keyed contribution of an anchored family as the key's anchor rather than one of its events
	 * ({@code RollupSource.anchoredFamilies}).
	 */
	public static final String ANCHOR = "anchor";

	/** Families of sources; {@code ~} marks the families {@link KeyChains} derives. */
	private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]+(~[A-Za-z0-9_~-]*)?");

	public Contribution {
		Objects.requireNonNull(at, "at");
		if (family == null || !FAMILY.matcher(family).matches()) {
			throw new IllegalArgumentException("family must be letters, digits, _ or -: " + family);
		}
		dims = sorted(dims);
		values = sorted(values);
		if (since != null && since.isAfter(at)) {
			throw new IllegalArgumentException("since must not be after at: " + since + " > " + at);
		}
		for (String dimension : dims.keySet()) {
			if (dimension.isEmpty() || Rollups.TOTAL_DIMENSION.equals(dimension)) {
				throw new IllegalArgumentException("dimension name must not be empty or " + Rollups.TOTAL_DIMENSION);
			}
		}
	}

	/** A contribution with neither key nor since. */
	public static Contribution of(String family, Instant at, Map<String, String> dims, Map<String, Long> values) {
		return new Contribution(family, at, dims, values, null, null);
	}

	public Contribution withKey(String distinctKey) {
		return new Contribution(this.family, this.at, this.dims, this.values, distinctKey, this.since);
	}

	public Contribution withSince(Instant earlier) {
		return new Contribution(this.family, this.at, this.dims, this.values, this.key, earlier);
	}

	/** The same contribution with every value negated: what removing it adds. */
	Contribution negated() {
		Map<String, Long> negative = new TreeMap<>();
		this.values.forEach((name, value) -> negative.put(name, -value));
		return new Contribution(this.family, this.at, this.dims, negative, this.key, this.since);
	}

	private static <V> Map<String, V> sorted(Map<String, V> map) {
		Map<String, V> copy = new TreeMap<>();
		if (map != null) {
			map.forEach((name, value) -> {
				if (name == null || value == null) {
					throw new IllegalArgumentException("null name or value in " + map);
				}
				copy.put(name, value);
			});
		}
		return java.util.Collections.unmodifiableMap(copy);
	}
}
