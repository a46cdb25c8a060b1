package dev.pulsecrm.marketing.engagement;

/**
 * One item of {@code POST /campaigns/{id}/events}: the lead by id or email, the event type and its instant. Type and
 * instant are read as text so that one bad item is reported on its own instead of failing the whole batch.
 */
public record EngagementItem(String leadId, String email, String type, String at) {
}
