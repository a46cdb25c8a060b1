package dev.pulsecrm.marketing.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadScorerTest {

	static final Lead CTO_AT_ACME = Lead.create(null, "Ada Lovelace", "ada@acme.io", "Acme Analytics", 250, "SaaS",
			"EU", "MID", "CTO", Channel.WEBINAR, "camp-1", "ana", Instant.parse("2026-01-05T09:00:00Z"));

	static ScoringRules rules(ScoringRule... rules) {
		return new ScoringRules(null, List.of(rules), Map.of()).checked();
	}

	static boolean matches(String field, RuleOp op, Object value) {
		ScoringRules checked = rules(new ScoringRule(field, op, value, 10));
		return LeadScorer.matches(checked.rules().get(0), CTO_AT_ACME);
	}

	@Test
	void eqMatchesIgnoringCase() {
		assertThat(matches("role", RuleOp.EQ, "cto")).isTrue();
		assertThat(matches("role", RuleOp.EQ, "CEO")).isFalse();
		assertThat(matches("channel", RuleOp.EQ, "WEBINAR")).isTrue();
		assertThat(matches("companySize", RuleOp.EQ, 250)).isTrue();
	}

	@Test
	void inMatchesAnyListedValue() {
		assertThat(matches("industry", RuleOp.IN, List.of("Retail", "saas"))).isTrue();
		assertThat(matches("industry", RuleOp.IN, List.of("Retail", "Banking"))).isFalse();
	}

	@Test
	void containsMatchesPartOfTheText() {
		assertThat(matches("company", RuleOp.CONTAINS, "analytics")).isTrue();
		assertThat(matches("email", RuleOp.CONTAINS, "@gmail.")).isFalse();
	}

	@Test
	void gteAndLteCompareNumbersIncludingTheBound() {
		assertThat(matches("companySize", RuleOp.GTE, 250)).isTrue();
		assertThat(matches("companySize", RuleOp.GTE, 251)).isFalse();
		assertThat(matches("companySize", RuleOp.LTE, 250)).isTrue();
		assertThat(matches("companySize", RuleOp.LTE, 249.5)).isFalse();
	}

	@Test
	void aLeadWithoutTheAttributeMatchesNothing() {
		Lead anonymous = Lead.create(null, "Someone", null, null, null, null, null, null, null, Channel.OTHER, null,
				null, Instant.parse("2026-01-05T09:00:00Z"));
		ScoringRules checked = rules(new ScoringRule("companySize", RuleOp.LTE, 10, 5),
				new ScoringRule("role", RuleOp.CONTAINS, "", 5));

		assertThat(LeadScorer.score(anonymous, checked)).isZero();
	}

	@Test
	void theScoreAddsThePointsOfEveryMatchingRuleAndOfEachEngagementEvent() {
		Lead engaged = withCounts(Map.of("OPENED", 3L, "CLICKED", 2L, "REPLIED", 1L, "SENT", 4L));
		ScoringRules checked = new ScoringRules(null,
				List.of(new ScoringRule("role", RuleOp.EQ, "CTO", 20), new ScoringRule("region", RuleOp.EQ, "US", 7),
						new ScoringRule("companySize", RuleOp.GTE, 100, 15),
						new ScoringRule("email", RuleOp.CONTAINS, "acme", -5)),
				Map.of(EngagementType.OPENED, 1, EngagementType.CLICKED, 3, EngagementType.REPLIED, 5))
			.checked();

		// rules: 20 + 15 − 5 = 30 (region does not match); engagement: 3×1 + 2×3 + 1×5 + 4×0 = 14
		assertThat(LeadScorer.score(engaged, checked)).isEqualTo(44);
	}

	@Test
	void anUnknownFieldIsRefused() {
		assertInvalid(new ScoringRule("salary", RuleOp.EQ, "x", 1), "rules[0].field");
		assertInvalid(new ScoringRule("status", RuleOp.EQ, "NEW", 1), "rules[0].field");
	}

	@Test
	void orderingOperatorsApplyOnlyToNumbers() {
		assertInvalid(new ScoringRule("region", RuleOp.GTE, 3, 1), "rules[0].op");
		assertInvalid(new ScoringRule("companySize", RuleOp.LTE, "big", 1), "rules[0].value");
	}

	@Test
	void inNeedsAListAndEqNeedsAScalar() {
		assertInvalid(new ScoringRule("region", RuleOp.IN, "EU", 1), "rules[0].value");
		assertInvalid(new ScoringRule("region", RuleOp.IN, List.of(), 1), "rules[0].value");
		assertInvalid(new ScoringRule("region", RuleOp.EQ, List.of("EU"), 1), "rules[0].value");
	}

	@Test
	void engagementTypesLeftOutAreWorthNothing() {
		ScoringRules checked = new ScoringRules(null, List.of(), Map.of(EngagementType.REPLIED, 8)).checked();

		assertThat(checked.pointsFor(EngagementType.REPLIED)).isEqualTo(8);
		assertThat(checked.pointsFor(EngagementType.OPENED)).isZero();
	}

	private static void assertInvalid(ScoringRule rule, String field) {
		assertThatThrownBy(() -> rules(rule)).isInstanceOfSatisfying(ProblemException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ex.errors()).extracting(ProblemException.FieldError::field).containsExactly(field);
		});
	}

	private static Lead withCounts(Map<String, Long> counts) {
		Lead l = CTO_AT_ACME;
		return new Lead(l.id(), l.externalId(), l.name(), l.email(), l.company(), l.companySize(), l.industry(),
				l.region(), l.segment(), l.role(), l.channel(), l.campaignId(), l.ownerId(), l.status(), l.score(),
				counts, l.createdAt(), l.statusChangedAt(), l.firstContactAt(), l.firstContactMillis(),
				l.lastContactAt(), l.qualifiedAt(), l.disqualifiedAt(), l.disqualificationReason(), l.convertedAt(),
				l.accountId(), l.dealId(), l.version());
	}
}
