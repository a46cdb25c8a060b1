package dev.pulsecrm.sales.forecast;

import dev.pulsecrm.platform.money.Money;

/**
 * Open deals expected to close in one month, in one currency: one row per (month, currency), because amounts are
 * never converted here (the KPI service owns conversion rates).
 */
public record ForecastMonth(String month, long deals, Money amount, Money weightedAmount) {
}
