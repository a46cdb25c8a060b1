package dev.pulsecrm.support.sla;

import java.time.Instant;

/** When a ticket must have had its first public response and its first resolution. */
public record SlaDeadlines(Instant firstResponseDueAt, Instant resolutionDueAt) {
}
