package dev.pulsecrm.marketing.campaign;

import java.time.Instant;
import java.time.LocalDate;

import dev.pulsecrm.platform.money.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /campaigns}, and the {@code campaign} import line. */
public record CreateCampaign(@NotBlank @Size(max = 200) String name, @NotNull Channel channel, @NotNull Money budget,
		@NotNull LocalDate startDate, LocalDate endDate, @Size(max = 100) String region,
		@Size(max = 100) String industry, @Size(max = 100) String segment, @Size(max = 200) String externalId,
		Instant createdAt) {
}
