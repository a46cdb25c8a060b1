package dev.pulsecrm.platform.rollup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Field names and document ids of the rollup collections. */
final class RollupKeys {

	private RollupKeys() {
	}

	/**
	 * A string usable as a MongoDB field name: no {@code .}, no {@code $}, never empty ({@code %} escapes them, as
	 * in URLs). Group values (owner ids, campaign ids, channel names) come from users.
	 */
	static String field(String name) {
		if (name.isEmpty()) {
			return "%";
		}
		StringBuilder out = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			switch (c) {
				case '%' -> out.append("%25");
				case '.' -> out.append("%2E");
				case '$' -> out.append("%24");
				case '\0' -> out.append("%00");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/** The inverse of {@link #field}. */
	static String unfield(String field) {
		if (field.equals("%")) {
			return "";
		}
		if (field.indexOf('%') < 0) {
			return field;
		}
		StringBuilder out = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '%' && i + 2 < field.length()) {
				out.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	static LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC);
	}

	static String dayDoc(LocalDate day) {
		return "D" + day;
	}

	static String monthDoc(LocalDate day) {
		return "M" + day.toString().substring(0, 7);
	}

	static String yearDoc(LocalDate day) {
		return "Y" + day.getYear();
	}

	/** The hour {@code at} falls in, as {@code 2026-11-23T05}. */
	static String hour(Instant at) {
		java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(at, ZoneOffset.UTC);
		return local.toLocalDate() + (local.getHour() < 10 ? "T0" : "T") + local.getHour();
	}

	static String hourDoc(Instant hourStart) {
		return "H" + hour(hourStart);
	}

	/** Minutes in a block: the finest sums, and the span of one entries document. */
	static final int BLOCK_MINUTES = 10;

	/** The 10-minute block {@code at} falls in, as {@code 2026-11-23T05:10} (its first minute). */
	static String block(Instant at) {
		int minute = java.time.LocalDateTime.ofInstant(at, ZoneOffset.UTC).getMinute() / BLOCK_MINUTES * BLOCK_MINUTES;
		return hour(at) + (minute < 10 ? ":0" : ":") + minute;
	}

	/** The start of the 10-minute block {@code at} falls in. */
	static Instant blockStart(Instant at) {
		Instant hourStart = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		long minutes = java.time.Duration.between(hourStart, at).toMinutes();
		return hourStart.plus(java.time.Duration.ofMinutes(minutes / BLOCK_MINUTES * BLOCK_MINUTES));
	}

	static String blockDoc(Instant at) {
		return "T" + block(at);
	}

	/**
	 * One entries document per family and 10-minute block: a period's partial first and last blocks are read from
	 * them, each entry filtered by its exact instant. A write changes only its block's entries of its family, along
	 * the entry's path (the embedded store's updates go along their paths, {@code InPlaceUpdate}; when they copied
	 * whole documents, an hour's worth of entries per document made every write of a busy hour slower than the last,
	 * and until session 6 the entries were kept per second, with minute sums for the partial hours).
	 */
	static String entriesDoc(String block, String family) {
		return "E" + block + "/" + family;
	}

	/** Levels of the {@code since} histogram: blocks of 16^level days. */
	static final int SINCE_LEVELS = 4;

	/**
	 * Where a contribution whose {@code since} falls on {@code sinceDay} is counted in sums document {@code doc}, each
	 * path followed by the value's name. Hour and block documents hold few contributions: one flat bucket per since
	 * day, {@code .h.<group>.<day>.}. Day documents fill up to a bucket per day of history, so they count it once per
	 * level: {@code .h<level>.p<parent>.<group>.b<block>.}, where {@code block} is the epoch day divided by 16^level
	 * (rounding down) and {@code parent} the block of the level above it; the top level has no parent. (Letters before
	 * the numbers: the embedded store's fast update path, like MongoDB's, takes a numeric path segment for an array
	 * position.) A read of "since after day D" takes, per level, the blocks after D's block that share D's parent: the
	 * union is exactly the days after D, and each part is at most 15 buckets.
	 */
	static List<String> sincePaths(String doc, LocalDate sinceDay, String group) {
		if (!doc.startsWith("D")) {
			return List.of(".h." + group + "." + sinceDay + ".");
		}
		long day = sinceDay.toEpochDay();
		List<String> paths = new ArrayList<>(SINCE_LEVELS);
		for (int level = 0; level < SINCE_LEVELS; level++) {
			String parent = sinceParent(day, level);
			paths.add(".h" + level + ((parent == null) ? "" : "." + parent) + "." + group + ".b" + (day >> (4 * level))
					+ ".");
		}
		return paths;
	}

	/** The fields a read of "since after {@code fromDay}" projects of one family and dimension in day documents. */
	static String[] sinceProjection(String family, LocalDate fromDay, String dimensionField) {
		long day = fromDay.toEpochDay();
		String[] fields = new String[SINCE_LEVELS];
		for (int level = 0; level < SINCE_LEVELS; level++) {
			String parent = sinceParent(day, level);
			fields[level] = family + ".h" + level + ((parent == null) ? "" : "." + parent) + "." + dimensionField;
		}
		return fields;
	}

	/** The field of the parent block of {@code day}'s block at {@code level} ({@code p<n>}); null at the top level. */
	static String sinceParent(long day, int level) {
		return (level == SINCE_LEVELS - 1) ? null : "p" + (day >> (4 * (level + 1)));
	}

	/** The block number of a level's bucket field ({@code b<n>}). */
	static long sinceBlock(String field) {
		return Long.parseLong(field.substring(1));
	}

	static String sinceEntriesDoc(LocalDate day, String family) {
		return "S" + day + "/" + family;
	}

	/** A name for a contribution's content: equal contributions (of any records) share one entry and its count. */
	static String entryName(Contribution c) {
		String canonical = c.family() + '\u0001' + c.at().toEpochMilli() + '\u0001' + c.dims() + '\u0001' + c.values()
				+ '\u0001' + c.key() + '\u0001' + (c.since() == null ? "" : c.since().toEpochMilli());
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return "h" + HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
