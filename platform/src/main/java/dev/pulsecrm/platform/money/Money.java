package dev.pulsecrm.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import dev.pulsecrm.platform.problem.ProblemException;

/**
 * An amount in one currency, as the public API carries it: {@code {"amount": 1234.50, "currency": "USD"}}. The
 * amount is an exact decimal (numbers and decimal strings are both accepted on input); it is stored as whole cents so
 * MongoDB sums it exactly on every backend.
 */
public record Money(BigDecimal amount, String currency) {

	/** Largest amount accepted: a trillion units keeps cent sums of millions of records far inside a long. */
	public static final BigDecimal MAX = new BigDecimal("1000000000000");

	/** Validates an amount from outside: present, non-negative, at most two decimals, a real ISO currency. */
	public static Money checked(String field, Money money) {
		if (money == null || money.amount() == null) {
			throw ProblemException.invalid(field + ".amount", "is required");
		}
		if (money.amount().signum() < 0) {
			throw ProblemException.invalid(field + ".amount", "must not be negative");
		}
		if (money.amount().compareTo(MAX) > 0) {
			throw ProblemException.invalid(field + ".amount", "must not exceed " + MAX.toPlainString());
		}
		if (money.amount().stripTrailingZeros().scale() > 2) {
			throw ProblemException.invalid(field + ".amount", "must have at most two decimals");
		}
		String currency = money.currency() == null ? "USD" : money.currency().trim().toUpperCase();
		try {
			Currency.getInstance(currency);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid(field + ".currency", "is not an ISO 4217 currency code");
		}
		return new Money(money.amount().setScale(2, RoundingMode.UNNECESSARY), currency);
	}

	public static Money ofCents(long cents, String currency) {
		return new Money(BigDecimal.valueOf(cents, 2), currency);
	}

	public long cents() {
		return this.amount.movePointRight(2).longValueExact();
	}
}
