package dev.pulsecrm.marketing.scoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.platform.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The lead-scoring configuration: attribute rules plus points per engagement event type. One document
 * ({@link #CURRENT}) holds the rules in force.
 */
@Document("scoring_rules")
public record ScoringRules(@JsonIgnore @Id String id, @NotNull @Valid @Size(max = 200) List<ScoringRule> rules,
		Map<EngagementType, Integer> engagementPoints) {

	public static final String CURRENT = "current";

	/** Until someone configures rules: no attribute rules, engagement worth more the more effort it shows. */
	public static ScoringRules defaults() {
		Map<EngagementType, Integer> points = new EnumMap<>(EngagementType.class);
		points.put(EngagementType.SENT, 0);
		points.put(EngagementType.BOUNCED, 0);
		points.put(EngagementType.OPENED, 1);
		points.put(EngagementType.CLICKED, 3);
		points.put(EngagementType.REPLIED, 5);
		return new ScoringRules(CURRENT, List.of(), points);
	}

	public int pointsFor(EngagementType type) {
		return this.engagementPoints == null ? 0 : this.engagementPoints.getOrDefault(type, 0);
	}

	/**
	 * Validates rules from outside (422 on the first bad one) and normalises their values: text for EQ/CONTAINS, a
	 * list of texts for IN, a number for GTE/LTE on a numeric field. Engagement types left out are worth 0.
	 */
	public ScoringRules checked() {
		List<ScoringRule> normalised = new ArrayList<>();
		for (int i = 0; i < this.rules.size(); i++) {
			normalised.add(checked("rules[" + i + "]", this.rules.get(i)));
		}
		Map<EngagementType, Integer> points = new EnumMap<>(EngagementType.class);
		for (EngagementType type : EngagementType.values()) {
			points.put(type, 0);
		}
		if (this.engagementPoints != null) {
			this.engagementPoints.forEach((type, value) -> {
				if (value == null || value < -1000 || value > 1000) {
					throw ProblemException.invalid("engagementPoints." + type, "must be between -1000 and 1000");
				}
				points.put(type, value);
			});
		}
		return new ScoringRules(CURRENT, List.copyOf(normalised), points);
	}

	private static ScoringRule checked(String path, ScoringRule rule) {
		ScoredField field = ScoredField.byName(rule.field())
			.orElseThrow(() -> ProblemException.invalid(path + ".field",
					"unknown lead field " + rule.field() + "; one of " + java.util.Arrays.stream(ScoredField.values())
						.map(ScoredField::apiName)
						.toList()));
		Object value = switch (rule.op()) {
			case EQ, CONTAINS -> {
				if (!(rule.value() instanceof String) && !(rule.value() instanceof Number)) {
					throw ProblemException.invalid(path + ".value", rule.op() + " needs a text or number value");
				}
				yield rule.value().toString();
			}
			case IN -> {
				if (!(rule.value() instanceof List<?> list) || list.isEmpty()
						|| !list.stream().allMatch((item) -> item instanceof String || item instanceof Number)) {
					throw ProblemException.invalid(path + ".value", "IN needs a non-empty list of texts");
				}
				yield list.stream().map(Object::toString).toList();
			}
			case GTE, LTE -> {
				if (!field.numeric()) {
					throw ProblemException.invalid(path + ".op", rule.op() + " applies only to numeric fields");
				}
				if (!(rule.value() instanceof Number number)) {
					throw ProblemException.invalid(path + ".value", rule.op() + " needs a number");
				}
				yield number.doubleValue();
			}
		};
		return new ScoringRule(field.apiName(), rule.op(), value, rule.points());
	}
}
