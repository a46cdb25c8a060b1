package dev.pulsecrm.client.marketing;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Where a converted lead went in sales; a repeated conversion answers with the same ids. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Conversion(String leadId, String accountId, String dealId, Instant convertedAt) {
}
