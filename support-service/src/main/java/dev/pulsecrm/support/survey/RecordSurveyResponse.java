package dev.pulsecrm.support.survey;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/support/surveys/responses}; the score's range depends on the type (checked by the service). */
public record RecordSurveyResponse(@NotNull SurveyType type, @NotBlank @Size(max = 100) String accountId,
		@NotNull Integer score, @Size(max = 100) String ticketId, @Size(max = 2000) String comment,
		HeardFrom heardFrom, Instant respondedAt, @Size(max = 200) String externalId) {
}
