package dev.pulsecrm.platform.rollup;

import java.util.List;

import org.bson.Document;

/**
 * What the records of one collection contribute to the KPI rollups. Declared as a bean by the service owning the
 * collection; {@link Rollups} applies it after every save of a record of that collection, and to every record when
 * the rollups are (re)built.
 */
public interface RollupSource {

	/** The collection whose records this source reads. */
	String collection();

	/**
	 * Changes whenever {@link #contributions} changes meaning: a new version makes every service rebuild its rollups
	 * from the records at its next start.
	 */
	String version();

	/** Everything the stored record contributes; a pure function of the document (no other reads). */
	List<Contribution> contributions(Document stored);

	/**
	 * Keyed families whose distinct keys are counted in O(days) ({@code Reader.distinct}): the engine keeps a chain
	 * of contributions per key for them, which costs a read and a write per keyed contribution, and writes one derived
	 * contribution per dimension.
	 */
	default java.util.Set<String> distinctFamilies() {
		return java.util.Set.of();
	}

	/**
	 * Keyed families whose values are summed for the keys first seen in a period ({@code Reader.sumFirstSeen}): a
	 * chain per key as for {@link #distinctFamilies()}, with one derived contribution per contribution.
	 */
	default java.util.Set<String> firstSeenFamilies() {
		return java.util.Set.of();
	}

	/**
	 * Keyed families whose keys are counted when one of the key's events and one of its anchors are both in the
	 * period ({@code Reader.withAnchor}), in O(days): a campaign-and-lead pair with an email sent in the period whose
	 * lead converted in the period. A contribution with the value {@link Contribution#ANCHOR} is an anchor (the
	 * conversion), any other an event; the engine keeps a chain per key as for {@link #distinctFamilies()} and writes
	 * at most two derived contributions per event and dimension.
	 */
	default java.util.Set<String> anchoredFamilies() {
		return java.util.Set.of();
	}

}
