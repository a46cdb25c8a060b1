package dev.pulsecrm.kpi.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PeriodTest {

	private final Period march = new Period(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"));

	@Test
	void previousPeriodHasTheSameLengthAndEndsAtFrom() {
		assertThat(this.march.previous())
			.isEqualTo(new Period(Instant.parse("2026-01-30T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")));
	}

	@Test
	void trailingYearIsThe365DaysBeforeTo() {
		assertThat(this.march.trailingYear())
			.isEqualTo(new Period(Instant.parse("2025-03-31T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z")));
	}

	@Test
	void monthsAreThePeriodOverThirtyPointFourThreeSixEightSevenFiveDays() {
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		assertThat(new Period(from, from.plusSeconds(2_629_746)).months()).isEqualByComparingTo("1");
		assertThat(new Period(from, from.plusSeconds(3 * 2_629_746)).months()).isEqualByComparingTo("3");
		// 30 days ÷ 30.436875 days = 0.9856465225158627 (16 significant digits)
		assertThat(this.march.length().toDays()).isEqualTo(30);
		assertThat(this.march.months()).isEqualByComparingTo("0.9856465225158627");
	}

	@Test
	void anEmptyOrReversedPeriodIsRefused() {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		assertThatIllegalArgumentException().isThrownBy(() -> new Period(now, now));
		assertThatIllegalArgumentException().isThrownBy(() -> new Period(now, now.minusSeconds(1)));
	}
}
