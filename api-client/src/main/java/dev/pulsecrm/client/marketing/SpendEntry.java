package dev.pulsecrm.client.marketing;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pulsecrm.client.Money;

@JsonIgnoreProperties(ignoreUnknown = true)
public record SpendEntry(String id, String externalId, String campaignId, Money amount, LocalDate date,
		Instant createdAt) {
}
