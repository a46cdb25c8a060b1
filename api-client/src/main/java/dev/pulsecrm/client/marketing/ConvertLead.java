package dev.pulsecrm.client.marketing;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.client.Money;

/** {@code POST /api/marketing/leads/{id}/convert}: the deal sales opens for the lead's company. */
public record ConvertLead(String dealName, Money amount, String ownerId, String team, LocalDate expectedCloseDate,
		Instant at) {
}
