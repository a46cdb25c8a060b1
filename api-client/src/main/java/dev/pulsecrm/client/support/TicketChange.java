package dev.pulsecrm.client.support;

import java.time.Instant;

/** Body of {@code /resolve}, {@code /reopen} and {@code /close}: an optional past instant. */
public record TicketChange(Instant at) {
}
