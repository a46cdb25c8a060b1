package dev.pulsecrm.support.survey;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** One answer to an NPS or CSAT survey, optionally about a ticket, optionally saying how the customer found us. */
@Document("survey_responses")
public record SurveyResponse(@Id String id, @Indexed(unique = true, sparse = true) String externalId,
		SurveyType type, @Indexed String accountId, int score, @Indexed String ticketId, String comment,
		HeardFrom heardFrom, @Indexed Instant respondedAt, @JsonIgnore LinkedTicket linkedTicket) {
}
