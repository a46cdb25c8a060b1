package dev.pulsecrm.kpi.facts;

/**
 * A fact holds money in a currency that has no configured rate to the reporting currency. The KPI that needs it
 * reports {@code NO_EXCHANGE_RATE} rather than a silently wrong total.
 */
public class MissingExchangeRateException extends RuntimeException {

	private final String currency;

	public MissingExchangeRateException(String currency, String reportingCurrency) {
		super("no exchange rate configured for " + currency + " → " + reportingCurrency + " (crm.exchange-rates."
				+ currency + ")");
		this.currency = currency;
	}

	public String currency() {
		return this.currency;
	}
}
