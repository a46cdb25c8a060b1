package dev.pulsecrm.kpi.facts;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reporting currency and the rates to it.
 *
 * @param currency      the currency every money KPI is reported in (default USD)
 * @param exchangeRates how many units of {@code currency} one unit of the key currency is worth, e.g.
 *                      {@code crm.exchange-rates.EUR: 1.08} with {@code crm.currency: USD}
 */
@ConfigurationProperties("crm")
public record CurrencyProperties(String currency, Map<String, BigDecimal> exchangeRates) {

	public CurrencyProperties {
		currency = (currency == null || currency.isBlank()) ? "USD" : currency.toUpperCase(Locale.ROOT);
		Map<String, BigDecimal> rates = new TreeMap<>();
		if (exchangeRates != null) {
			exchangeRates.forEach((code, rate) -> rates.put(code.toUpperCase(Locale.ROOT), rate));
		}
		exchangeRates = Map.copyOf(rates);
	}
}
