package dev.pulsecrm.platform.money;

import java.math.BigDecimal;

import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MoneyTest {

	@Test
	void anAmountIsKeptExactlyAsCents() {
		Money money = Money.checked("amount", new Money(new BigDecimal("1234.5"), "eur"));
		assertThat(money).isEqualTo(new Money(new BigDecimal("1234.50"), "EUR"));
		assertThat(money.cents()).isEqualTo(123450L);
		assertThat(Money.ofCents(123450L, "EUR")).isEqualTo(money);
	}

	@Test
	void theCurrencyDefaultsToUsd() {
		assertThat(Money.checked("amount", new Money(BigDecimal.TEN, null)).currency()).isEqualTo("USD");
	}

	@Test
	void invalidAmountsAreRefusedNamingTheField() {
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> Money.checked("amount", new Money(new BigDecimal("-0.01"), "USD")))
			.matches((ex) -> ex.errors().get(0).field().equals("amount.amount"));
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> Money.checked("amount", new Money(new BigDecimal("1.001"), "USD")));
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> Money.checked("amount", new Money(new BigDecimal("1e15"), "USD")));
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> Money.checked("amount", new Money(BigDecimal.ONE, "XXXX")))
			.matches((ex) -> ex.errors().get(0).field().equals("amount.currency"));
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> Money.checked("amount", null));
	}
}
