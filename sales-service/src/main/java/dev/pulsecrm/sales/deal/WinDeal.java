package dev.pulsecrm.sales.deal;

import java.time.Instant;

import dev.pulsecrm.platform.money.Money;

/** {@code POST /deals/{id}/win}: both fields optional; {@code amount} is the final amount when it changed. */
public record WinDeal(Instant at, Money amount) {
}
