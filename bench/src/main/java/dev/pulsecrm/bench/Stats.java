package dev.pulsecrm.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Latency samples in nanoseconds, summarised as nearest-rank percentiles in milliseconds. */
public record Stats(long[] sortedNanos) {

	public static Stats of(List<Long> nanos) {
		long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return new Stats(sorted);
	}

	public int count() {
		return this.sortedNanos.length;
	}

	/** Nearest-rank percentile: the smallest sample with at least {@code p}% of the samples at or below it. */
	public double percentileMillis(double p) {
		if (this.sortedNanos.length == 0) {
			return Double.NaN;
		}
		if (p <= 0) {
			return this.sortedNanos[0] / 1e6;
		}
		int rank = (int) Math.ceil(p / 100.0 * this.sortedNanos.length);
		return this.sortedNanos[Math.min(rank, this.sortedNanos.length) - 1] / 1e6;
	}

	public double p50() {
		return percentileMillis(50);
	}

	public double p99() {
		return percentileMillis(99);
	}

	public double meanMillis() {
		return Arrays.stream(this.sortedNanos).average().orElse(Double.NaN) / 1e6;
	}

	/** Milliseconds with a precision that suits the magnitude: 0.42, 12.3, 1234. */
	public static String ms(double millis) {
		if (Double.isNaN(millis)) {
			return "–";
		}
		if (millis < 10) {
			return String.format(Locale.ROOT, "%.2f", millis);
		}
		if (millis < 100) {
			return String.format(Locale.ROOT, "%.1f", millis);
		}
		return String.format(Locale.ROOT, "%.0f", millis);
	}

	/** A ratio as "1.23×". */
	public static String ratio(double value) {
		return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%.2f×", value);
	}
}
