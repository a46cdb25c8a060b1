package dev.pulsecrm.bench;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {

	@Test
	void parsesOptionsInBothSpellings() {
		assertThat(Bench.parse(new String[] { "--sizes", "10_000,100000", "--out=-", "--help" }))
			.containsEntry("sizes", "10_000,100000")
			.containsEntry("out", "-")
			.containsKey("help");
		assertThat(Bench.ints("10_000, 100000")).containsExactly(10000, 100000);
	}

	@Test
	void runsEveryServiceWithTheFullJitUnlessAskedForCrmUpsStartupFlags() {
		var c2 = new Bench(java.util.Map.of()).platformOptions(java.util.Map.of());
		assertThat(c2.jvmArgs()).containsOnlyKeys("gateway", "sales-service", "marketing-service",
				"support-service", "kpi-service");
		assertThat(c2.jvmArgs().values()).allSatisfy((flags) -> assertThat(flags).contains("-XX:TieredStopAtLevel=4"));
		assertThat(new Bench(java.util.Map.of("jit", "c1")).platformOptions(java.util.Map.of()).jvmArgs()).isEmpty();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Bench(java.util.Map.of("jit", "c3")).fullJit())
			.withMessageContaining("c1 or c2");
	}

	@Test
	void readsCpuTimeOfALiveProcessAndDividesItPerRequest() {
		long ticks = Bench.cpuTicks(ProcessHandle.current().pid());
		assertThat(ticks).isNotNegative();
		assertThat(Bench.cpuTicks(Long.MAX_VALUE)).as("no such process").isEqualTo(-1);
		assertThat(Bench.perRequestMicros(100, 150, 1000)).isEqualTo(500.0);
		assertThat(Bench.perRequestMicros(-1, 150, 1000)).isEqualTo(-1);
		assertThat(Bench.perRequestMicros(100, 150, 0)).isEqualTo(-1);
		assertThat(Bench.micros(-1)).isEqualTo("–");
		assertThat(Bench.micros(512.4)).isEqualTo("512");
	}

	@Test
	void replacesOnlyTheGeneratedPartOfTheDocument() {
		String generated = Bench.BEGIN + "\nnew tables\n" + Bench.END + "\n";
		String first = Bench.splice("# Benchmarks\n\nanalysis\n", generated);
		assertThat(first).isEqualTo("# Benchmarks\n\nanalysis\n\n" + generated);
		String edited = first.replace("analysis", "analysis, edited") + "\nafter\n";
		String second = Bench.splice(edited, Bench.BEGIN + "\nnewer\n" + Bench.END + "\n");
		assertThat(second).contains("analysis, edited").contains("newer").doesNotContain("new tables").endsWith("\nafter\n");
	}

	@Test
	void aServiceTokenIsSignedLikeThePlatformsOwn() {
		String token = GrpcFacts.token("bench", "0123456789abcdef", Instant.ofEpochSecond(1_800_000_000L));
		assertThat(token).startsWith("bench.1800000000.");
		assertThat(token.substring(token.lastIndexOf('.') + 1)).matches("[A-Za-z0-9_-]{43}");
	}
}
