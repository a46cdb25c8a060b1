package dev.pulsecrm.marketing.conversion;

import java.time.Instant;

/** Where a converted lead went in sales. */
public record Conversion(String leadId, String accountId, String dealId, Instant convertedAt) {
}
