package dev.pulsecrm.marketing.conversion;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.platform.money.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /leads/{id}/convert}: the deal sales should open for the lead's company. */
public record ConvertLead(@NotBlank @Size(max = 200) String dealName, @NotNull Money amount,
		@NotBlank @Size(max = 100) String ownerId, @Size(max = 100) String team, LocalDate expectedCloseDate,
		Instant at) {
}
