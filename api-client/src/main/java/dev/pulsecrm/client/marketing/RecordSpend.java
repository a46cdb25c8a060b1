package dev.pulsecrm.client.marketing;

import java.time.LocalDate;

import dev.pulsecrm.client.Money;

/** {@code POST /api/marketing/campaigns/{id}/spend}: one dated cost entry, in the budget's currency. */
public record RecordSpend(Money amount, LocalDate date, String externalId) {
}
