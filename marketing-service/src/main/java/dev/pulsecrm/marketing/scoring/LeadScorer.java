package dev.pulsecrm.marketing.scoring;

import java.util.List;
import java.util.Map;
import java.util.Locale;

import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.marketing.lead.Lead;

/** A lead's score: points of every attribute rule it matches plus points for each engagement event it had. */
public final class LeadScorer {

	private LeadScorer() {
	}

	public static long score(Lead lead, ScoringRules rules) {
		long score = 0;
		for (ScoringRule rule : rules.rules()) {
			if (matches(rule, lead)) {
				score += rule.points();
			}
		}
		Map<String, Long> counts = lead.engagementCounts();
		if (counts != null) {
			for (EngagementType type : EngagementType.values()) {
				score += counts.getOrDefault(type.name(), 0L) * rules.pointsFor(type);
			}
		}
		return score;
	}

	/** Whether the lead satisfies a checked rule; a lead without the attribute matches nothing. */
	public static boolean matches(ScoringRule rule, Lead lead) {
		ScoredField field = ScoredField.byName(rule.field()).orElseThrow();
		Object actual = field.valueOf(lead);
		if (actual == null) {
			return false;
		}
		String text = actual.toString();
		return switch (rule.op()) {
			case EQ -> text.equalsIgnoreCase(rule.value().toString());
			case IN -> ((List<?>) rule.value()).stream().anyMatch((item) -> text.equalsIgnoreCase(item.toString()));
			case CONTAINS -> text.toLowerCase(Locale.ROOT).contains(rule.value().toString().toLowerCase(Locale.ROOT));
			case GTE -> ((Number) actual).doubleValue() >= ((Number) rule.value()).doubleValue();
			case LTE -> ((Number) actual).doubleValue() <= ((Number) rule.value()).doubleValue();
		};
	}
}
