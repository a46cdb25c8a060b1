package dev.pulsecrm.client.marketing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET/PUT /api/marketing/scoring-rules}: attribute rules plus points per engagement event type. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoringRules(List<ScoringRule> rules, Map<EngagementType, Integer> engagementPoints) {
}
