package dev.pulsecrm.marketing.importing;

import com.jayway.jsonpath.JsonPath;
import dev.pulsecrm.marketing.MarketingApi;
import dev.pulsecrm.marketing.MarketingServiceTest;
import dev.pulsecrm.marketing.lead.LeadRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class MarketingImportTest {

	static final String NDJSON = """
			{"type": "campaign", "externalId": "imp-c1", "name": "Webinar series", "channel": "WEBINAR", "budget": {"amount": 900, "currency": "USD"}, "startDate": "2025-06-01"}
			{"type": "spend", "campaignExternalId": "imp-c1", "amount": {"amount": 300, "currency": "USD"}, "date": "2025-06-02", "externalId": "imp-s1"}
			{"type": "lead", "externalId": "imp-l1", "name": "Imp One", "email": "imp1@import.example", "channel": "WEBINAR", "campaignExternalId": "imp-c1", "ownerId": "ana", "createdAt": "2025-06-03T09:00:00Z", "contactedAt": "2025-06-03T11:00:00Z", "qualifiedAt": "2025-06-04T09:00:00Z"}
			{"type": "lead", "externalId": "imp-l2", "name": "Imp Two", "channel": "WEBINAR", "createdAt": "2025-06-03T09:00:00Z", "qualifiedAt": "2025-06-04T09:00:00Z"}
			{"type": "event", "campaignExternalId": "imp-c1", "leadExternalId": "imp-l1", "event": "OPENED", "at": "2025-06-05T10:00:00Z"}
			{"type": "event", "campaignExternalId": "imp-c1", "email": "imp1@import.example", "event": "CLICKED", "at": "2025-06-05T10:01:00Z"}
			{"type": "subscription", "email": "imp1@import.example", "action": "SUBSCRIBED", "at": "2025-06-05T10:02:00Z"}
			{"type": "conversion", "leadExternalId": "imp-l1"}
			not json
			""";

	@Autowired
	MockMvc mvc;

	@Autowired
	LeadRepository leads;

	MarketingApi api;

	@BeforeEach
	void api() {
		this.api = new MarketingApi(this.mvc);
	}

	@Test
	void anImportAppliesGoodLinesReportsBadOnesAndIsSafeToRunAgain() throws Exception {
		String report = run(NDJSON).andExpect(status().isOk())
			.andExpect(jsonPath("$.lines").value(9))
			.andExpect(jsonPath("$.imported").value(6))
			.andExpect(jsonPath("$.failed").value(3))
			.andExpect(jsonPath("$.results[*].status").value(
					org.hamcrest.Matchers.contains(201, 201, 201, 409, 201, 201, 201, 400, 400)))
			.andReturn()
			.getResponse()
			.getContentAsString();

		String campaignId = JsonPath.read(report, "$.results[0].id");
		String leadId = JsonPath.read(report, "$.results[2].id");
		this.api.get("/api/marketing/campaigns/" + campaignId).andExpect(jsonPath("$.spend.amount").value(300.0));
		this.api.get("/api/marketing/leads/" + leadId)
			.andExpect(jsonPath("$.status").value("QUALIFIED"))
			.andExpect(jsonPath("$.campaignId").value(campaignId))
			.andExpect(jsonPath("$.firstContactAt").value("2025-06-03T11:00:00Z"))
			.andExpect(jsonPath("$.engagementCounts.OPENED").value(1))
			.andExpect(jsonPath("$.engagementCounts.CLICKED").value(1));
		// the lead qualified without a contact was refused whole
		assertThat(this.leads.findByExternalId("imp-l2")).isEmpty();

		run(NDJSON).andExpect(jsonPath("$.results[*].status")
			.value(org.hamcrest.Matchers.contains(200, 200, 200, 409, 200, 200, 200, 400, 400)))
			.andExpect(jsonPath("$.results[2].id").value(leadId));
		this.api.get("/api/marketing/campaigns/" + campaignId).andExpect(jsonPath("$.spend.amount").value(300.0));
		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.engagementCounts.OPENED").value(1));
	}

	private org.springframework.test.web.servlet.ResultActions run(String ndjson) throws Exception {
		return this.mvc.perform(
				MockMvcRequestBuilders.post("/api/marketing/import").contentType("application/x-ndjson").content(ndjson));
	}
}
