package dev.pulsecrm.marketing.campaign;

import java.time.LocalDate;

import dev.pulsecrm.platform.money.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /campaigns/{id}/spend}: one dated cost entry. */
public record RecordSpend(@NotNull Money amount, @NotNull LocalDate date, @Size(max = 200) String externalId) {
}
