package dev.pulsecrm.client.support;

/** First-response and resolution targets of one priority, as ISO-8601 durations ({@code PT4H}). */
public record SlaTarget(Priority priority, String firstResponse, String resolution) {
}
