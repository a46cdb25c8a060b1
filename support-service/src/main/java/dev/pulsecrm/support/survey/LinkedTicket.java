package dev.pulsecrm.support.survey;

/**
 * The dimensions of the ticket a response is about, copied onto the response so survey facts can be split by
 * priority, channel, category or team without a join ({@code team} follows reassignments).
 */
public record LinkedTicket(String priority, String channel, String category, String team) {
}
