package dev.pulsecrm.kpi.facts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;

/** A half-open period {@code [from, to)} of UTC instants, as every KPI is defined over (KPIS.md). */
public record Period(Instant from, Instant to) {

	/** KPIS.md: months = period length ÷ 30.436875 days (the mean Gregorian month), in milliseconds. */
	static final BigDecimal MILLIS_PER_MONTH = new BigDecimal("2629746000");

	static final Duration TRAILING_YEAR = Duration.ofDays(365);

	public Period {
		if (from == null || to == null || !from.isBefore(to)) {
			throw new IllegalArgumentException("a period needs from < to, got [" + from + ", " + to + ")");
		}
	}

	public Duration length() {
		return Duration.between(this.from, this.to);
	}

	/** KPIS.md previous period: {@code [from − (to − from), from)}. */
	public Period previous() {
		return new Period(this.from.minus(length()), this.from);
	}

	/** KPIS.md trailing year: {@code [to − 365 days, to)}. */
	public Period trailingYear() {
		return new Period(this.to.minus(TRAILING_YEAR), this.to);
	}

	/** The period's length in months of 30.436875 days, exact to 16 significant digits. */
	public BigDecimal months() {
		return BigDecimal.valueOf(length().toMillis()).divide(MILLIS_PER_MONTH, MathContext.DECIMAL64);
	}
}
