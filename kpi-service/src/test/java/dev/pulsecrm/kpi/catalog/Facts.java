package dev.pulsecrm.kpi.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.pulsecrm.kpi.facts.CurrencyConverter;
import dev.pulsecrm.kpi.facts.CurrencyProperties;
import dev.pulsecrm.kpi.facts.Period;
import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;

/** Hand-built facts for the formula tests. */
final class Facts {

	static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

	/** Exactly one KPIS.md month (30.436875 days), so "× months" is "× 1" in the hand computations. */
	static final Period ONE_MONTH = new Period(FROM, FROM.plusSeconds(2_629_746));

	static final Period TWO_MONTHS = new Period(FROM, FROM.plusSeconds(2 * 2_629_746));

	static final long DAY = Duration.ofDays(1).toMillis();

	static final long HOUR = Duration.ofHours(1).toMillis();

	private Facts() {
	}

	static MoneySum usd(String amount) {
		return money("USD", amount);
	}

	static MoneySum money(String currency, String amount) {
		return MoneySum.newBuilder().addByCurrency(Money.newBuilder().setCurrency(currency).setAmount(amount)).build();
	}

	static DurationStats durations(long totalMillis, long count) {
		return DurationStats.newBuilder().setTotalMillis(totalMillis).setCount(count).build();
	}

	static KpiCatalog catalog() {
		return catalog(KpiProperties.defaults());
	}

	static KpiCatalog catalog(KpiProperties settings) {
		return new KpiCatalog(new CurrencyConverter(new CurrencyProperties("USD", Map.of("EUR", new java.math.BigDecimal("1.10")))),
				settings);
	}

	static KpiProperties settings(String salesCostPerMonth, String grossMargin, KpiProperties.Roi roi) {
		return new KpiProperties(null, null, (grossMargin != null) ? new java.math.BigDecimal(grossMargin) : null,
				null, (salesCostPerMonth != null) ? new java.math.BigDecimal(salesCostPerMonth) : null, roi, null,
				null, null);
	}
}
