package dev.pulsecrm.client;

import java.math.BigDecimal;

/** An amount in one currency, as the API carries it: {@code {"amount": 1234.50, "currency": "USD"}}. */
public record Money(BigDecimal amount, String currency) {

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), currency);
	}

	public static Money usd(String amount) {
		return of(amount, "USD");
	}

	/** Whole cents, the way the services store amounts; for amounts with at most two decimals. */
	public static Money ofCents(long cents, String currency) {
		return new Money(BigDecimal.valueOf(cents, 2), currency);
	}
}
