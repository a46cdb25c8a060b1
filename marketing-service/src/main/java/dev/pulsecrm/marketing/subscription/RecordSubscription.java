package dev.pulsecrm.marketing.subscription;

import java.time.Instant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /subscriptions}. */
public record RecordSubscription(@NotBlank @Email @Size(max = 320) String email, @NotNull SubscriptionType type,
		Instant at, @Size(max = 200) String externalId) {
}
