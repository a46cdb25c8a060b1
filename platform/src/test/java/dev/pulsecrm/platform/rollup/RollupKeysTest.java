package dev.pulsecrm.platform.rollup;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RollupKeysTest {

	/**
	 * The since histogram's promise: a read of "after day D" counts a contribution of since day d once if d > D, and
	 * not at all otherwise — for days on both sides of 1970 and across 16-, 256- and 4 096-day block edges.
	 */
	@Test
	void theSinceBlocksAReadTakesCountEveryLaterDayOnceAndNoOtherDay() {
		Random random = new Random(7);
		long[] edges = { 0, -1, 15, 16, 255, 256, 4095, 4096, 20_000, 20_479, 20_480, -4096, -4097 };
		for (int i = 0; i < 4000; i++) {
			long from = (i < edges.length * 20) ? edges[i % edges.length] + random.nextInt(3) - 1
					: random.nextInt(60_000) - 20_000;
			long since = (i % 3 == 0) ? from + random.nextInt(40) - 20 : random.nextInt(60_000) - 20_000;
			Document family = new Document();
			for (String path : RollupKeys.sincePaths("D", LocalDate.ofEpochDay(since), "_._")) {
				put(family, path + "n", 1L);
			}
			java.util.Map<String, Tally> groups = new java.util.TreeMap<>();
			Document projected = project(family, RollupKeys.sinceProjection("", LocalDate.ofEpochDay(from), "_"));
			RollupDocuments.addSinceAfter(groups, projected, "_", LocalDate.ofEpochDay(from));
			long counted = groups.values().stream().mapToLong((t) -> t.value("n")).sum();
			assertThat(counted).as("since day %d, read after day %d", since, from).isEqualTo((since > from) ? 1 : 0);
		}
	}

	@Test
	void eachLevelsBlockIsTheEpochDayOverSixteenToTheLevelRoundedDown() {
		assertThat(RollupKeys.sincePaths("D", LocalDate.ofEpochDay(4097), "o.x")).containsExactly(
				".h0.p256.o.x.b4097.", ".h1.p16.o.x.b256.", ".h2.p1.o.x.b16.", ".h3.o.x.b1.");
		assertThat(RollupKeys.sincePaths("D", LocalDate.ofEpochDay(-1), "o.x")).containsExactly(".h0.p-1.o.x.b-1.",
				".h1.p-1.o.x.b-1.", ".h2.p-1.o.x.b-1.", ".h3.o.x.b-1.");
	}

	/** A period reads at most 23 hours, 5 blocks and one partial block at each end besides whole days. */
	@Test
	void aPeriodReadsABoundedNumberOfDocumentsBesidesWholeDays() {
		Random random = new Random(3);
		java.time.Instant base = java.time.Instant.parse("2025-01-01T00:00:00Z");
		int most = 0;
		for (int i = 0; i < 5000; i++) {
			java.time.Instant from = base.plusMillis((long) (random.nextDouble() * 400 * 86_400_000L));
			java.time.Instant to = from.plusMillis(1 + (long) (random.nextDouble() * 120 * 86_400_000L));
			PeriodPlan plan = PeriodPlan.of(from, to, random.nextBoolean());
			long fine = plan.sumDocuments().stream().filter((id) -> id.startsWith("H") || id.startsWith("T")).count();
			assertThat(plan.partialBlocks()).hasSizeLessThanOrEqualTo(2);
			assertThat(fine + plan.partialBlocks().size()).isLessThanOrEqualTo(2 * (23 + 5 + 1));
			most = Math.max(most, (int) fine + plan.partialBlocks().size());
			// the partial blocks cover only the period
			plan.partialBlocks().forEach((partial) -> {
				assertThat(partial.from()).isAfterOrEqualTo(from);
				assertThat(partial.to()).isBeforeOrEqualTo(to);
				assertThat(RollupKeys.block(partial.from())).isEqualTo(partial.block());
			});
		}
		assertThat(most).isGreaterThan(40);
	}

	@Test
	void blocksAreTheTenMinutesAnInstantFallsIn() {
		java.time.Instant at = java.time.Instant.parse("2026-11-23T05:19:59.999Z");
		assertThat(RollupKeys.block(at)).isEqualTo("2026-11-23T05:10");
		assertThat(RollupKeys.blockStart(at)).isEqualTo(java.time.Instant.parse("2026-11-23T05:10:00Z"));
		assertThat(RollupKeys.blockDoc(java.time.Instant.parse("2026-11-23T05:00:00Z"))).isEqualTo("T2026-11-23T05:00");
	}

	private static void put(Document root, String path, long value) {
		String[] parts = path.substring(1).split("\\.");
		Document doc = root;
		for (int i = 0; i < parts.length - 1; i++) {
			Document next = doc.get(parts[i], Document.class);
			if (next == null) {
				next = new Document();
				doc.put(parts[i], next);
			}
			doc = next;
		}
		doc.merge(parts[parts.length - 1], value, (a, b) -> (Long) a + (Long) b);
	}

	/** What a projection on {@code fields} leaves of {@code root} (fields start with "." as the family is ""). */
	private static Document project(Document root, String[] fields) {
		Document out = new Document();
		for (String field : fields) {
			List<String> parts = List.of(field.substring(1).split("\\."));
			Object node = root;
			for (String part : parts) {
				node = (node instanceof Document doc) ? doc.get(part) : null;
			}
			if (node != null) {
				Document target = out;
				for (String part : parts.subList(0, parts.size() - 1)) {
					target = (Document) target.computeIfAbsent(part, (k) -> new Document());
				}
				target.put(parts.get(parts.size() - 1), node);
			}
		}
		return out;
	}
}
