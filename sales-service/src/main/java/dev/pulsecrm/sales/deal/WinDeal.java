package dev.pulsecrm.sales.deal;

import java.time.Instant;

import dev.pulsecrm.platform.money.Money;

/** {@code POST /deals/{id}/win}: both fields optional. */
public record WinDeal(Instant at, Money amount) {
}
