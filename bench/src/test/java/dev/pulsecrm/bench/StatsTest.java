package dev.pulsecrm.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

	static List<Long> millis(long... values) {
		List<Long> nanos = new ArrayList<>();
		for (long value : values) {
			nanos.add(value * 1_000_000);
		}
		return nanos;
	}

	@Test
	void nearestRankPercentiles() {
		List<Long> samples = new ArrayList<>();
		for (long i = 100; i >= 1; i--) {
			samples.add(i * 1_000_000);
		}
		Stats stats = Stats.of(samples);
		assertThat(stats.count()).isEqualTo(100);
		assertThat(stats.p50()).isEqualTo(50.0);
		assertThat(stats.p99()).isEqualTo(99.0);
		assertThat(stats.percentileMillis(100)).isEqualTo(100.0);
		assertThat(stats.percentileMillis(0)).isEqualTo(1.0);
		assertThat(stats.meanMillis()).isEqualTo(50.5);
	}

	@Test
	void fewSamplesTakeTheWorstForHighPercentiles() {
		Stats stats = Stats.of(millis(30, 10, 20));
		assertThat(stats.p50()).isEqualTo(20.0);
		assertThat(stats.p99()).isEqualTo(30.0);
		assertThat(Stats.of(millis(7)).p99()).isEqualTo(7.0);
		assertThat(Stats.of(List.of()).p50()).isNaN();
	}

	@Test
	void formatsMillisAndRatios() {
		assertThat(Stats.ms(0.4249)).isEqualTo("0.42");
		assertThat(Stats.ms(12.34)).isEqualTo("12.3");
		assertThat(Stats.ms(1234.5)).isEqualTo("1235");
		assertThat(Stats.ms(Double.NaN)).isEqualTo("–");
		assertThat(Stats.ratio(1.994)).isEqualTo("1.99×");
		assertThat(Stats.ratio(1.0 / 0)).isEqualTo("–");
	}
}
