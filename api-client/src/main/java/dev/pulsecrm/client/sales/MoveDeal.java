package dev.pulsecrm.client.sales;

import java.time.Instant;

/** {@code POST /api/sales/deals/{id}/stage}. */
public record MoveDeal(String stage, Instant at) {
}
