package dev.pulsecrm.client.marketing;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pulsecrm.client.Money;

/** A campaign; {@code spend} is the sum of its spend entries. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Campaign(String id, String externalId, String name, Channel channel, Money budget,
		LocalDate startDate, LocalDate endDate, String region, String industry, String segment, Instant createdAt,
		Money spend) {
}
