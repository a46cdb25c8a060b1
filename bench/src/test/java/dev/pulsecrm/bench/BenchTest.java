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
	void addsTheHalvesOfACellUpAsOneMeasurement() {
		// gateway, then direct, then direct, then gateway: each path's halves add up before dividing
		var first = new Bench.Measured(300, 2.0, java.util.List.of(1_000_000L, 3_000_000L), 1, 20, 40);
		var second = new Bench.Measured(100, 2.0, java.util.List.of(2_000_000L), 0, 10, 20);
		Bench.Throughput both = Bench.Throughput.of(java.util.List.of(first, second));
		assertThat(both.perSecond()).as("requests over the summed seconds").isEqualTo(100.0);
		assertThat(both.errors()).isEqualTo(1);
		assertThat(both.latency().p50()).as("ms, over the latencies of both halves").isEqualTo(2.0);
		assertThat(both.gatewayCpuMicros()).as("30 ticks of 10 ms over 400 requests").isEqualTo(750.0);
		assertThat(both.serviceCpuMicros()).isEqualTo(1500.0);
		var unknown = new Bench.Measured(100, 2.0, java.util.List.of(2_000_000L), 0, 10, -1);
		assertThat(Bench.Throughput.of(java.util.List.of(first, unknown)).serviceCpuMicros())
			.as("one half without the service's CPU: unknown, not a smaller number")
			.isEqualTo(-1);
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
