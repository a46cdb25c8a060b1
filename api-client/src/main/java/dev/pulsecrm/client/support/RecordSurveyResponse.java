package dev.pulsecrm.client.support;

import java.time.Instant;

import dev.pulsecrm.client.marketing.Channel;

/** {@code POST /api/support/surveys/responses}; {@code heardFrom} answers "how did you hear about us". */
public record RecordSurveyResponse(SurveyType type, String accountId, int score, String ticketId, String comment,
		Channel heardFrom, Instant respondedAt, String externalId) {
}
