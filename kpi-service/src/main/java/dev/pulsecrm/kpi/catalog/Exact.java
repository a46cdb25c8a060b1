package dev.pulsecrm.kpi.catalog;

import java.math.BigDecimal;
import java.math.MathContext;

import dev.pulsecrm.proto.common.v1.DurationStats;

/**
 * The arithmetic of the formulas: BigDecimal with one fixed precision (16 significant digits, IEEE decimal64), and
 * {@code null} for a quotient whose denominator is 0 (KPIS.md: never 0, never NaN).
 */
final class Exact {

	static final MathContext PRECISION = MathContext.DECIMAL64;

	static final long MILLIS_PER_DAY = 86_400_000L;

	static final long MILLIS_PER_HOUR = 3_600_000L;

	private Exact() {
	}

	static BigDecimal quotient(BigDecimal numerator, BigDecimal denominator) {
		if (numerator == null || denominator == null || denominator.signum() == 0) {
			return null;
		}
		return numerator.divide(denominator, PRECISION);
	}

	static BigDecimal quotient(long numerator, long denominator) {
		return quotient(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
	}

	/** The mean of the durations in {@code unitMillis} (days, hours): total ÷ (count × unit), one rounding. */
	static BigDecimal mean(DurationStats durations, long unitMillis) {
		return quotient(BigDecimal.valueOf(durations.getTotalMillis()),
				BigDecimal.valueOf(durations.getCount()).multiply(BigDecimal.valueOf(unitMillis)));
	}

	static BigDecimal decimal(long value) {
		return BigDecimal.valueOf(value);
	}

	/** A double from the proto (a configured stage probability) as the decimal it was written as. */
	static BigDecimal decimal(double value) {
		return BigDecimal.valueOf(value);
	}
}
