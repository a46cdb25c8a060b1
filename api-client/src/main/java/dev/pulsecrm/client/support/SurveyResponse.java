package dev.pulsecrm.client.support;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.pulsecrm.client.marketing.Channel;

@JsonIgnoreProperties(ignoreUnknown = true)
public record SurveyResponse(String id, String externalId, SurveyType type, String accountId, int score,
		String ticketId, String comment, Channel heardFrom, Instant respondedAt) {
}
