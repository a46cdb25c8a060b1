package dev.pulsecrm.platform.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

import org.bson.Document;

/** Encoding of contributions in the ledger and entries, and reading of the sums. */
final class RollupDocuments {

	private RollupDocuments() {
	}

	static Document encode(Contribution c) {
		Document values = new Document();
		c.values().forEach((name, value) -> values.append(RollupKeys.field(name), value));
		Document doc = new Document("f", c.family()).append("t", Date.from(c.at()))
			.append("d", new Document(new TreeMap<>(c.dims())))
			.append("v", values);
		if (c.key() != null) {
			doc.append("k", c.key());
		}
		if (c.since() != null) {
			doc.append("s", Date.from(c.since()));
		}
		return doc;
	}

	static Contribution decode(Document doc, String family) {
		Map<String, String> dims = new TreeMap<>();
		Document d = doc.get("d", Document.class);
		if (d != null) {
			d.forEach((name, value) -> dims.put(name, String.valueOf(value)));
		}
		Map<String, Long> values = new TreeMap<>();
		Document v = doc.get("v", Document.class);
		if (v != null) {
			v.forEach((name, value) -> values.put(RollupKeys.unfield(name), ((Number) value).longValue()));
		}
		return new Contribution(family != null ? family : doc.getString("f"), Rollups.instant(doc.get("t")), dims,
				values, doc.getString("k"), Rollups.instant(doc.get("s")));
	}

	static List<Contribution> contributions(Document ledgerEntry) {
		List<Contribution> contributions = new ArrayList<>();
		for (Document c : ledgerEntry.getList("c", Document.class, List.of())) {
			contributions.add(decode(c, null));
		}
		return contributions;
	}

	/** Adds {@code <family>.g.<dim>.*} of one sums document to the groups. */
	static void addSums(Map<String, Tally> groups, Document family, String dim) {
		Document byValue = subdocument(family, "g", dim);
		if (byValue != null) {
			byValue.forEach((value, sums) -> {
				Tally tally = groups.computeIfAbsent(RollupKeys.unfield(value), (k) -> new Tally());
				addValues(tally, (Document) sums);
			});
		}
	}

	/** Adds the flat {@code since} histogram buckets after {@code fromDay} of one hour or block document. */
	static void addSinceAfterFlat(Map<String, Tally> groups, Document family, String dim, LocalDate fromDay) {
		Document byValue = subdocument(family, "h", dim);
		if (byValue == null) {
			return;
		}
		byValue.forEach((value, byDay) -> {
			Tally tally = groups.computeIfAbsent(RollupKeys.unfield(value), (k) -> new Tally());
			((Document) byDay).forEach((sinceDay, sums) -> {
				if (LocalDate.parse(sinceDay).isAfter(fromDay)) {
					addValues(tally, (Document) sums);
				}
			});
		});
	}

	/**
	 * Adds the {@code since} histogram buckets after {@code fromDay} of one day document to the groups:
	 * per level, the blocks after {@code fromDay}'s block under the parent the read projected
	 * ({@link RollupKeys#sinceProjection}).
	 */
	static void addSinceAfter(Map<String, Tally> groups, Document family, String dim, LocalDate fromDay) {
		long day = fromDay.toEpochDay();
		for (int level = 0; level < RollupKeys.SINCE_LEVELS; level++) {
			Document levelDoc = family.get("h" + level, Document.class);
			String parent = RollupKeys.sinceParent(day, level);
			if (levelDoc != null && parent != null) {
				levelDoc = levelDoc.get(parent, Document.class);
			}
			Document byValue = (levelDoc == null) ? null : levelDoc.get(RollupKeys.field(dim), Document.class);
			if (byValue == null) {
				continue;
			}
			long after = day >> (4 * level);
			byValue.forEach((value, byBlock) -> {
				Tally tally = groups.computeIfAbsent(RollupKeys.unfield(value), (k) -> new Tally());
				((Document) byBlock).forEach((block, sums) -> {
					if (RollupKeys.sinceBlock(block) > after) {
						addValues(tally, (Document) sums);
					}
				});
			});
		}
	}

	private static void addValues(Tally tally, Document sums) {
		sums.forEach((name, n) -> tally.add(RollupKeys.unfield(name), ((Number) n).longValue()));
	}

	/** Adds the entries of one entries document that {@code accept} (at, since) to the groups. */
	static void addEntries(Map<String, Tally> groups, Document family, String dim,
			BiPredicate<Instant, Instant> accept) {
		if (family == null) {
			return;
		}
		family.forEach((name, value) -> {
			Document entry = (Document) value;
			long n = entry.get("n", Number.class) == null ? 0 : entry.get("n", Number.class).longValue();
			Document content = entry.get("c", Document.class);
			if (n <= 0 || content == null) {
				return;
			}
			Contribution c = decode(content, "x");
			if (!accept.test(c.at(), c.since())) {
				return;
			}
			String group = Rollups.TOTAL_DIMENSION.equals(dim) ? Rollups.TOTAL_DIMENSION : c.dims().get(dim);
			if (group == null) {
				return;
			}
			Tally tally = groups.computeIfAbsent(group, (k) -> new Tally());
			c.values().forEach((valueName, v) -> tally.add(valueName, n * v));
		});
	}

	private static Document subdocument(Document family, String part, String dim) {
		Document parts = family.get(part, Document.class);
		return (parts == null) ? null : parts.get(RollupKeys.field(dim), Document.class);
	}
}
