package dev.pulsecrm.sales.activity;

import java.time.Instant;

/** {@code POST /activities/{id}/complete}: {@code at} optional. */
public record CompleteActivity(Instant at) {
}
