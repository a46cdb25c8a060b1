package dev.pulsecrm.marketing.lead;

import dev.pulsecrm.marketing.MarketingApi;
import dev.pulsecrm.marketing.MarketingServiceTest;
import dev.pulsecrm.marketing.TestCallers;
import dev.pulsecrm.marketing.scoring.ScoringRules;
import dev.pulsecrm.marketing.scoring.ScoringRulesService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class LeadApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	LeadRepository leads;

	@Autowired
	TestCallers callers;

	@Autowired
	ScoringRulesService rules;

	MarketingApi api;

	@BeforeEach
	void api() {
		this.api = new MarketingApi(this.mvc);
	}

	@AfterEach
	void asSystem() {
		this.callers.reset();
	}

	@Test
	void aLeadIsCreatedOnceForItsExternalIdAndStartsNew() throws Exception {
		String body = """
				{"name": "Grace", "email": "grace@navy.example", "channel": "SEMINAR", "externalId": "crm-7",
				 "createdAt": "2026-01-03T10:00:00Z"}""";
		String id = this.api.lead(body);

		this.api.post("/api/marketing/leads", body).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
		this.api.get("/api/marketing/leads/" + id)
			.andExpect(jsonPath("$.status").value("NEW"))
			.andExpect(jsonPath("$.createdAt").value("2026-01-03T10:00:00Z"))
			.andExpect(jsonPath("$.score").isNumber());
	}

	@Test
	void aLeadForAnUnknownCampaignIsRefusedAndNotCreated() throws Exception {
		long before = this.leads.count();

		this.api.post("/api/marketing/leads", "{\"name\": \"X\", \"channel\": \"EMAIL\", \"campaignId\": \"nope\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("campaignId"));
		this.api.post("/api/marketing/leads", "{\"name\": \"X\", \"channel\": \"EMAIL\", \"email\": \"not-mail\"}")
			.andExpect(status().isBadRequest());
		this.api.post("/api/marketing/leads",
				"{\"name\": \"X\", \"channel\": \"EMAIL\", \"createdAt\": \"2999-01-01T00:00:00Z\"}")
			.andExpect(status().isUnprocessableContent());

		assertThat(this.leads.count()).isEqualTo(before);
	}

	@Test
	void aLeadGoesFromNewToContactedToQualifiedOverRest() throws Exception {
		String id = newLead();

		this.api.post(path(id, "contact"), "{\"ownerId\": \"ana\", \"at\": \"2026-01-04T10:00:00Z\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CONTACTED"))
			.andExpect(jsonPath("$.firstContactAt").value("2026-01-04T10:00:00Z"));
		this.api.post(path(id, "contact"), "{\"ownerId\": \"ana\", \"at\": \"2026-01-05T10:00:00Z\"}")
			.andExpect(jsonPath("$.firstContactAt").value("2026-01-04T10:00:00Z"));
		this.api.post(path(id, "qualify"), "{}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("QUALIFIED"));
	}

	@Test
	void disqualifyingNeedsAReasonAndIsFinal() throws Exception {
		String id = newLead();

		this.api.post(path(id, "disqualify"), "{}").andExpect(status().isBadRequest());
		this.api.post(path(id, "disqualify"), "{\"reason\": \"student\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DISQUALIFIED"))
			.andExpect(jsonPath("$.disqualificationReason").value("student"));

		this.api.post(path(id, "contact"), "{\"ownerId\": \"ana\"}")
			.andExpect(status().isConflict())
			.andExpect(content().contentType("application/problem+json"));
		this.api.get("/api/marketing/leads/" + id)
			.andExpect(jsonPath("$.status").value("DISQUALIFIED"))
			.andExpect(jsonPath("$.firstContactAt").doesNotExist());
	}

	@Test
	void anIllegalOrFutureTransitionChangesNothing() throws Exception {
		String id = newLead();

		this.api.post(path(id, "qualify"), "{}").andExpect(status().isConflict());
		this.api.post(path(id, "contact"), "{\"ownerId\": \"ana\", \"at\": \"2999-01-01T00:00:00Z\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("at"));
		this.api.post(path(id, "contact"), "{\"ownerId\": \"ana\", \"at\": \"2025-01-01T00:00:00Z\"}")
			.andExpect(status().isUnprocessableContent());

		this.api.get("/api/marketing/leads/" + id)
			.andExpect(jsonPath("$.status").value("NEW"))
			.andExpect(jsonPath("$.ownerId").doesNotExist());
	}

	@Test
	void someoneWhoDoesNotOwnTheLeadGets403AndTheLeadIsUnchanged() throws Exception {
		String id = newLead();
		this.api.post(path(id, "contact"), "{\"ownerId\": \"ana\", \"at\": \"2026-01-04T10:00:00Z\"}");
		this.callers.actAsMarketer("zoe", "apac");

		this.api.post(path(id, "qualify"), "{}").andExpect(status().isForbidden());
		this.api.post(path(id, "disqualify"), "{\"reason\": \"mine now\"}").andExpect(status().isForbidden());

		this.callers.actAsMarketer("ana", null);
		this.api.get("/api/marketing/leads/" + id).andExpect(jsonPath("$.status").value("CONTACTED"));
		this.api.post(path(id, "qualify"), "{}").andExpect(status().isOk());
	}

	@Test
	void anUnknownLeadIsNotFound() throws Exception {
		this.api.get("/api/marketing/leads/missing").andExpect(status().isNotFound());
		this.api.post(path("missing", "qualify"), "{}").andExpect(status().isNotFound());
	}

	@Test
	void leadsAreListedHighestScoreFirstWithTheirFilters() throws Exception {
		String campaign = this.api.campaign("WEBINAR");
		String low = lead(campaign, 5);
		String high = lead(campaign, 5000);
		String middle = lead(campaign, 500);
		// scores from a rule on company size: 0, 10 and 30
		this.api.put("/api/marketing/scoring-rules", """
				{"rules": [{"field": "companySize", "op": "GTE", "value": 100, "points": 10},
				           {"field": "companySize", "op": "GTE", "value": 1000, "points": 20}]}""");
		try {
			this.api.get("/api/marketing/leads?campaignId=" + campaign)
				.andExpect(jsonPath("$.total").value(3))
				.andExpect(jsonPath("$.items[*].id").value(contains(high, middle, low)));
			this.api.get("/api/marketing/leads?campaignId=" + campaign + "&minScore=10&size=1&page=1")
				.andExpect(jsonPath("$.total").value(2))
				.andExpect(jsonPath("$.items[*].id").value(contains(middle)));
			this.api.get("/api/marketing/leads?campaignId=" + campaign + "&status=CONTACTED")
				.andExpect(jsonPath("$.total").value(0));
			this.api.get("/api/marketing/leads?campaignId=" + campaign + "&channel=WEBINAR&ownerId=nobody")
				.andExpect(jsonPath("$.total").value(0));
			this.api.get("/api/marketing/leads?status=LOST").andExpect(status().isBadRequest());
		}
		finally {
			this.rules.replace(ScoringRules.defaults());
		}
	}

	private String newLead() throws Exception {
		return this.api.lead("{\"name\": \"Linus\", \"channel\": \"REFERRAL\", \"createdAt\": \"2026-01-03T10:00:00Z\"}");
	}

	private String lead(String campaign, int companySize) throws Exception {
		return this.api.lead("""
				{"name": "Size %d", "channel": "WEBINAR", "campaignId": "%s", "companySize": %d}"""
			.formatted(companySize, campaign, companySize));
	}

	private static String path(String id, String command) {
		return "/api/marketing/leads/" + id + "/" + command;
	}
}
