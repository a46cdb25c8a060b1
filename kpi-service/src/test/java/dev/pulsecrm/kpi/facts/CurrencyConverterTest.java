package dev.pulsecrm.kpi.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.util.Map;

import dev.pulsecrm.proto.common.v1.Money;
import dev.pulsecrm.proto.common.v1.MoneySum;
import org.junit.jupiter.api.Test;

class CurrencyConverterTest {

	private final CurrencyConverter converter = new CurrencyConverter(
			new CurrencyProperties("usd", Map.of("eur", new BigDecimal("1.10"), "CHF", new BigDecimal("1.25"))));

	private static MoneySum sum(String... currencyAndAmount) {
		MoneySum.Builder sum = MoneySum.newBuilder();
		for (int i = 0; i < currencyAndAmount.length; i += 2) {
			sum.addByCurrency(Money.newBuilder().setCurrency(currencyAndAmount[i]).setAmount(currencyAndAmount[i + 1]));
		}
		return sum.build();
	}

	@Test
	void addsEveryCurrencyAtItsRate() {
		// 10.00 + 100.00 × 1.10 + 8.00 × 1.25 = 10 + 110 + 10 = 130
		assertThat(this.converter.toReporting(sum("USD", "10.00", "EUR", "100.00", "CHF", "8.00")))
			.isEqualByComparingTo("130");
		assertThat(this.converter.currency()).isEqualTo("USD");
	}

	@Test
	void anEmptySumIsZero() {
		assertThat(this.converter.toReporting(MoneySum.getDefaultInstance())).isEqualByComparingTo("0");
	}

	@Test
	void aCurrencyWithoutARateIsRefusedByName() {
		assertThatExceptionOfType(MissingExchangeRateException.class)
			.isThrownBy(() -> this.converter.toReporting(sum("USD", "1.00", "GBP", "1.00")))
			.withMessage("no exchange rate configured for GBP → USD (crm.exchange-rates.GBP)");
	}
}
