package dev.pulsecrm.sales.account;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /accounts} and the {@code account} import line. */
public record CreateAccount(@NotBlank @Size(max = 200) String name, @Size(max = 100) String industry,
		@Size(max = 100) String region, @Size(max = 100) String segment, @NotBlank @Size(max = 100) String ownerId,
		@Size(max = 100) String team, @Size(max = 200) String externalId, Instant createdAt) {
}
