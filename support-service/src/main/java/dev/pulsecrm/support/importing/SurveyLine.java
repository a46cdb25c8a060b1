package dev.pulsecrm.support.importing;

import java.time.Instant;

import dev.pulsecrm.support.survey.HeardFrom;
import dev.pulsecrm.support.survey.RecordSurveyResponse;
import dev.pulsecrm.support.survey.SurveyType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An import line of type {@code survey}: the {@code POST /surveys/responses} body with {@code surveyType} for
 * {@code type}; the ticket may be named by {@code ticketId} or {@code ticketExternalId}.
 */
record SurveyLine(@NotNull SurveyType surveyType, @NotBlank @Size(max = 100) String accountId,
		@NotNull Integer score, @Size(max = 100) String ticketId, @Size(max = 200) String ticketExternalId,
		@Size(max = 2000) String comment, HeardFrom heardFrom, Instant respondedAt,
		@Size(max = 200) String externalId) {

	RecordSurveyResponse response(String resolvedTicketId) {
		return new RecordSurveyResponse(this.surveyType, this.accountId, this.score, resolvedTicketId, this.comment,
				this.heardFrom, this.respondedAt, this.externalId);
	}
}
