package dev.pulsecrm.marketing.scoring;

import dev.pulsecrm.marketing.MarketingApi;
import dev.pulsecrm.marketing.MarketingServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class ScoringRulesApiTest {

	static final String RULES = """
			{"rules": [{"field": "role", "op": "EQ", "value": "cto", "points": 20},
			           {"field": "industry", "op": "IN", "value": ["SaaS", "Fintech"], "points": 10}],
			 "engagementPoints": {"OPENED": 2, "CLICKED": 4, "REPLIED": 6}}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	ScoringRulesService rules;

	MarketingApi api;

	@BeforeEach
	void api() {
		this.api = new MarketingApi(this.mvc);
	}

	@AfterEach
	void defaultRules() {
		this.rules.replace(ScoringRules.defaults());
	}

	@Test
	void changingTheRulesRecomputesEveryExistingLeadsScore() throws Exception {
		String cto = this.api.lead("{\"name\": \"A\", \"role\": \"CTO\", \"industry\": \"saas\", \"channel\": \"EMAIL\"}");
		String intern = this.api.lead("{\"name\": \"B\", \"role\": \"Intern\", \"channel\": \"EMAIL\"}");

		this.api.put("/api/marketing/scoring-rules", RULES)
			.andExpect(jsonPath("$.rules[1].value[0]").value("SaaS"))
			.andExpect(jsonPath("$.engagementPoints.SENT").value(0));

		assertThat(score(cto)).isEqualTo(30);
		assertThat(score(intern)).isZero();
		this.api.get("/api/marketing/scoring-rules").andExpect(jsonPath("$.rules.length()").value(2));
	}

	@Test
	void engagementEventsAddTheirPointsAndADuplicateAddsNothing() throws Exception {
		this.api.put("/api/marketing/scoring-rules", RULES);
		String campaign = this.api.campaign("EMAIL");
		String lead = this.api.lead("{\"name\": \"C\", \"role\": \"CTO\", \"channel\": \"EMAIL\"}");
		String events = """
				[{"leadId": "%1$s", "type": "OPENED", "at": "2026-01-05T10:00:00Z"},
				 {"leadId": "%1$s", "type": "CLICKED", "at": "2026-01-05T10:01:00Z"},
				 {"leadId": "%1$s", "type": "OPENED", "at": "2026-01-05T10:00:00Z"}]""".formatted(lead);

		this.api.post("/api/marketing/campaigns/" + campaign + "/events", events)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recorded").value(2))
			.andExpect(jsonPath("$.duplicates").value(1));
		// 20 (CTO) + 2 (one OPENED) + 4 (CLICKED)
		assertThat(score(lead)).isEqualTo(26);

		this.api.post("/api/marketing/campaigns/" + campaign + "/events", events)
			.andExpect(jsonPath("$.recorded").value(0))
			.andExpect(jsonPath("$.duplicates").value(3));
		assertThat(score(lead)).isEqualTo(26);

		// a rule change keeps the engagement part: OPENED now 10 → 20 + 10 + 4
		this.api.put("/api/marketing/scoring-rules", RULES.replace("\"OPENED\": 2", "\"OPENED\": 10"));
		assertThat(score(lead)).isEqualTo(34);
	}

	@Test
	void anUnknownFieldIsRefusedAndTheRulesStayAsTheyWere() throws Exception {
		this.api.put("/api/marketing/scoring-rules", RULES);

		this.mvc.perform(MockMvcRequestBuilders.put("/api/marketing/scoring-rules")
			.contentType("application/json")
			.content("{\"rules\": [{\"field\": \"password\", \"op\": \"EQ\", \"value\": \"x\", \"points\": 1}]}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("rules[0].field"));
		this.mvc.perform(MockMvcRequestBuilders.put("/api/marketing/scoring-rules")
			.contentType("application/json")
			.content("{\"rules\": [{\"field\": \"role\", \"op\": \"LIKE\", \"value\": \"x\", \"points\": 1}]}"))
			.andExpect(status().isBadRequest());

		this.api.get("/api/marketing/scoring-rules")
			.andExpect(jsonPath("$.rules.length()").value(2))
			.andExpect(jsonPath("$.rules[0].field").value("role"));
	}

	private long score(String leadId) throws Exception {
		Number score = this.api.read("/api/marketing/leads/" + leadId, "$.score");
		return score.longValue();
	}
}
