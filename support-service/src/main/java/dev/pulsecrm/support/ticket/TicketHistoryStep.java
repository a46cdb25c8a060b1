package dev.pulsecrm.support.ticket;

import java.time.Instant;

/** One past event replayed on a ticket during import; {@code agentId}/{@code publicReply} only for a reply. */
public record TicketHistoryStep(TicketAction action, Instant at, String agentId, Boolean publicReply) {
}
