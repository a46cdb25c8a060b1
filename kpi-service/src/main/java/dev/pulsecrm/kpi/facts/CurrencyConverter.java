package dev.pulsecrm.kpi.facts;

import java.math.BigDecimal;
import java.util.Locale;

import dev.pulsecrm.proto.common.v1.MoneySum;

/**
 * Converts the facts' per-currency sums into the reporting currency ({@code crm.currency}) with the configured
 * rates ({@code crm.exchange-rates.<CUR>}). One rate per currency: the facts carry sums, not dated records.
 */
public class CurrencyConverter {

	private final CurrencyProperties properties;

	public CurrencyConverter(CurrencyProperties properties) {
		this.properties = properties;
	}

	public String currency() {
		return this.properties.currency();
	}

	/**
	 * Σ of every currency's amount × its rate to the reporting currency.
	 * @throws MissingExchangeRateException when a currency in the sum has no configured rate
	 */
	public BigDecimal toReporting(MoneySum sum) {
		BigDecimal total = BigDecimal.ZERO;
		for (var money : sum.getByCurrencyList()) {
			BigDecimal amount = new BigDecimal(money.getAmount());
			String code = money.getCurrency().toUpperCase(Locale.ROOT);
			if (code.equals(currency())) {
				total = total.add(amount);
				continue;
			}
			BigDecimal rate = this.properties.exchangeRates().get(code);
			if (rate == null) {
				throw new MissingExchangeRateException(code, currency());
			}
			total = total.add(amount.multiply(rate));
		}
		return total;
	}
}
