package dev.pulsecrm.client.sales;

import java.time.Instant;

/** {@code POST /api/sales/activities/{id}/complete}: {@code at} optional. */
public record CompleteActivity(Instant at) {
}
