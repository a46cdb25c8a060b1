package dev.pulsecrm.client.sales;

import java.time.Instant;

/** {@code POST /api/sales/accounts/{id}/churn}: 409 unless the account is a {@code CUSTOMER}. */
public record ChurnAccount(String reason, Instant at) {
}
