package dev.pulsecrm.client.marketing;

import java.time.Instant;

/** {@code POST /api/marketing/subscriptions}: one change of the mailing list. */
public record RecordSubscription(String email, SubscriptionType type, Instant at, String externalId) {
}
