package dev.pulsecrm.client.sales;

import java.time.Instant;

/** {@code POST /api/sales/deals/{id}/lose}. */
public record LoseDeal(String reason, Instant at) {
}
