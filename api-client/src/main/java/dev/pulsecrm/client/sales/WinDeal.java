package dev.pulsecrm.client.sales;

import java.time.Instant;

import dev.pulsecrm.client.Money;

/** {@code POST /api/sales/deals/{id}/win}: both optional; {@code amount} is the final amount when it changed. */
public record WinDeal(Instant at, Money amount) {
}
