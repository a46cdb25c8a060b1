package dev.pulsecrm.kpi.facts;

import java.math.BigDecimal;
import java.util.Map;

import dev.pulsecrm.proto.common.v1.MoneySum;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Converts facts' per-currency sums into the reporting currency ({@code crm.currency}) with configured rates. */
@Component
public class Money {

	private final String currency;

	private final Map<String, BigDecimal> rates;

	public Money(@Value("${crm.currency:USD}") String currency, Environment environment) {
		this.currency = currency;
		this.rates = Binder.get(environment)
			.bind("crm.exchange-rates", org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class,
					BigDecimal.class))
			.orElse(Map.of());
	}

	public String currency() {
		return this.currency;
	}

	/** Σ of every currency's amount × its rate to the reporting currency; refuses a currency without a rate. */
	public BigDecimal toReporting(MoneySum sum) {
		BigDecimal total = BigDecimal.ZERO;
		for (var money : sum.getByCurrencyList()) {
			BigDecimal amount = new BigDecimal(money.getAmount());
			if (money.getCurrency().equals(this.currency)) {
				total = total.add(amount);
				continue;
			}
			BigDecimal rate = this.rates.get(money.getCurrency());
			if (rate == null) {
				throw new IllegalStateException("no exchange rate configured for " + money.getCurrency() + " → "
						+ this.currency + " (crm.exchange-rates." + money.getCurrency() + ")");
			}
			total = total.add(amount.multiply(rate));
		}
		return total;
	}
}
