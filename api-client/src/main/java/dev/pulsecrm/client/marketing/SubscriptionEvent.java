package dev.pulsecrm.client.marketing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record SubscriptionEvent(String id, String externalId, String email, SubscriptionType type, Instant at) {
}
