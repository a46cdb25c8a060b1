package dev.pulsecrm.marketing.engagement;

import java.time.DayOfWeek;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.marketing.campaign.Channel;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One engagement of a lead with a campaign. The same (campaign, lead, type, instant) is one event: the unique index
 * makes a re-sent event a no-op. The campaign's channel, the lead's region/industry/segment and the UTC hour of week
 * are copied in at write time so facts and send-time group without joins or date arithmetic in the pipeline.
 * {@code leadConvertedAt} is the lead's conversion, copied in when the event is recorded after it and set on every
 * event of the lead when it converts ({@link EngagementService#leadConverted}): the email conversion facts count
 * pairs by it without reading leads.
 */
@Document("engagement_events")
@CompoundIndexes({
		@CompoundIndex(name = "one_event", def = "{'campaignId': 1, 'leadId': 1, 'type': 1, 'at': 1}", unique = true),
		@CompoundIndex(name = "period_type", def = "{'at': 1, 'type': 1}"),
		@CompoundIndex(name = "send_time", def = "{'type': 1, 'leadSegment': 1}"),
		@CompoundIndex(name = "lead", def = "{'leadId': 1}") })
public record EngagementEvent(@Id String id, String campaignId, String leadId, EngagementType type, Instant at,
		@JsonIgnore Channel campaignChannel, @JsonIgnore String leadRegion, @JsonIgnore String leadIndustry,
		@JsonIgnore String leadSegment, @JsonIgnore DayOfWeek dayOfWeek, @JsonIgnore int hour, Instant recordedAt,
		@JsonIgnore Instant leadConvertedAt) {
}
