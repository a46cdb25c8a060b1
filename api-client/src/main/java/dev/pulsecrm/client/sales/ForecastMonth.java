package dev.pulsecrm.client.sales;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pulsecrm.client.Money;

/** Open deals expected to close in one month ({@code YYYY-MM}), in one currency, with the weighted amount. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForecastMonth(String month, long deals, Money amount, Money weightedAmount) {
}
