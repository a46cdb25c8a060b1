package dev.pulsecrm.marketing.conversion;

import java.time.Instant;

import com.jayway.jsonpath.JsonPath;
import dev.pulsecrm.marketing.FakeSalesCommands;
import dev.pulsecrm.marketing.MarketingApi;
import dev.pulsecrm.marketing.MarketingServiceTest;
import dev.pulsecrm.marketing.TestCallers;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class LeadConversionTest {

	static final String CONVERT = """
			{"dealName": "Acme platform", "amount": {"amount": "12000.50", "currency": "USD"},
			 "ownerId": "ana", "team": "emea", "expectedCloseDate": "2026-09-30", "at": "2026-02-01T10:00:00Z"}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	FakeSalesCommands sales;

	@Autowired
	TestCallers callers;

	MarketingApi api;

	@BeforeEach
	void api() {
		this.api = new MarketingApi(this.mvc);
	}

	@AfterEach
	void salesBackUp() {
		this.sales.reset();
		this.callers.reset();
	}

	@Test
	void convertingAQualifiedLeadCreatesTheDealInSalesWithTheLeadsOrigin() throws Exception {
		String campaignId = this.api.campaign("WEBINAR");
		String leadId = qualifiedLead(campaignId);

		String body = this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leadId").value(leadId))
			.andExpect(jsonPath("$.convertedAt").value("2026-02-01T10:00:00Z"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(this.sales.requestsFor(leadId)).hasSize(1);
		CreateDealFromLeadRequest sent = this.sales.requestsFor(leadId).get(0);
		assertThat(sent.getCampaignId()).isEqualTo(campaignId);
		assertThat(sent.getLeadCreatedAt().getSeconds())
			.isEqualTo(Instant.parse("2026-01-10T08:00:00Z").getEpochSecond());
		assertThat(sent.getCompany()).isEqualTo("Acme");
		assertThat(sent.getAmount().getAmount()).isEqualTo("12000.50");
		assertThat(sent.getExpectedCloseDate()).isEqualTo("2026-09-30");
		assertThat(sent.getTeam()).isEqualTo("emea");
		String dealId = JsonPath.read(body, "$.dealId");
		assertThat(dealId).isEqualTo(this.sales.dealOf(leadId).getDealId());
		this.api.get("/api/marketing/leads/" + leadId)
			.andExpect(jsonPath("$.status").value("CONVERTED"))
			.andExpect(jsonPath("$.dealId").value(dealId))
			.andExpect(jsonPath("$.accountId").value(this.sales.dealOf(leadId).getAccountId()));
	}

	@Test
	void convertingAConvertedLeadAgainReturnsTheSameAccountAndDealWithoutCallingSales() throws Exception {
		String leadId = qualifiedLead(null);
		String first = this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		String second = this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(second).isEqualTo(first);
		assertThat(this.sales.requestsFor(leadId)).hasSize(1);
		assertThat(this.sales.dealsFor(leadId)).isEqualTo(1);
	}

	@Test
	void whenSalesIsDownTheConvertFailsWith503AndTheRetryCreatesExactlyOneDeal() throws Exception {
		String leadId = qualifiedLead(null);
		// the call and its one idempotent retry both find sales unavailable
		this.sales.failNextCallsUnavailable(2);

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT)
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType("application/problem+json"));
		this.api.get("/api/marketing/leads/" + leadId)
			.andExpect(jsonPath("$.status").value("QUALIFIED"))
			.andExpect(jsonPath("$.dealId").doesNotExist())
			.andExpect(jsonPath("$.convertedAt").doesNotExist());
		assertThat(this.sales.dealsFor(leadId)).isZero();

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT).andExpect(status().isOk());

		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("CONVERTED"));
		assertThat(this.sales.requestsFor(leadId)).hasSize(3)
			.allSatisfy((request) -> assertThat(request.getLeadId()).isEqualTo(leadId));
		assertThat(this.sales.dealsFor(leadId)).isEqualTo(1);
	}

	@Test
	void aReplicaLostForOneCallIsRetriedOnceAndTheLeadConvertsWithOneDeal() throws Exception {
		String leadId = qualifiedLead(null);
		this.sales.failNextCallsUnavailable(1);

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT).andExpect(status().isOk());

		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("CONVERTED"));
		assertThat(this.sales.requestsFor(leadId)).hasSize(2);
		assertThat(this.sales.dealsFor(leadId)).isEqualTo(1);
	}

	@Test
	void whenSalesAnswersTooLateTheRetryReturnsTheDealCreatedByTheTimedOutCall() throws Exception {
		String leadId = qualifiedLead(null);
		this.sales.createButNeverAnswerNextCalls(1);

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT)
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("DEADLINE_EXCEEDED")));
		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("QUALIFIED"));
		// sales did the work although nobody heard the answer
		assertThat(this.sales.dealsFor(leadId)).isEqualTo(1);

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dealId").value(this.sales.dealOf(leadId).getDealId()));

		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("CONVERTED"));
		assertThat(this.sales.dealsFor(leadId)).isEqualTo(1);
	}

	@Test
	void onlyAQualifiedLeadConvertsAndSalesIsNotAskedOtherwise() throws Exception {
		String leadId = this.api.lead("""
				{"name": "Bo", "channel": "SEMINAR", "createdAt": "2026-01-10T08:00:00Z"}""");
		this.api.post("/api/marketing/leads/" + leadId + "/contact",
				"{\"ownerId\": \"ana\", \"at\": \"2026-01-11T08:00:00Z\"}");

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT).andExpect(status().isConflict());

		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("CONTACTED"));
		assertThat(this.sales.requestsFor(leadId)).isEmpty();
	}

	@Test
	void aNonOwnerCannotConvertSomeoneElsesLead() throws Exception {
		String leadId = qualifiedLead(null);
		this.callers.actAsMarketer("zoe", "apac");

		this.api.post("/api/marketing/leads/" + leadId + "/convert", CONVERT).andExpect(status().isForbidden());

		this.callers.reset();
		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("QUALIFIED"));
		assertThat(this.sales.requestsFor(leadId)).isEmpty();
	}

	@Test
	void aConversionWithAnInvalidAmountIsRefusedBeforeSalesIsAsked() throws Exception {
		String leadId = qualifiedLead(null);

		this.api.post("/api/marketing/leads/" + leadId + "/convert", """
				{"dealName": "X", "amount": {"amount": "-1", "currency": "USD"}, "ownerId": "ana"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("amount.amount"));
		this.api.post("/api/marketing/leads/" + leadId + "/convert", """
				{"amount": {"amount": "1", "currency": "USD"}, "ownerId": "ana"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("dealName"));

		this.api.get("/api/marketing/leads/" + leadId).andExpect(jsonPath("$.status").value("QUALIFIED"));
		assertThat(this.sales.requestsFor(leadId)).isEmpty();
	}

	private String qualifiedLead(String campaignId) throws Exception {
		String campaign = campaignId == null ? "" : ", \"campaignId\": \"" + campaignId + "\"";
		String leadId = this.api.lead("""
				{"name": "Ada", "company": "Acme", "email": "ada@acme.example", "channel": "WEBINAR",
				 "createdAt": "2026-01-10T08:00:00Z"%s}""".formatted(campaign));
		this.api.post("/api/marketing/leads/" + leadId + "/contact",
				"{\"ownerId\": \"ana\", \"at\": \"2026-01-11T08:00:00Z\"}").andExpect(status().isOk());
		this.api.post("/api/marketing/leads/" + leadId + "/qualify", "{\"at\": \"2026-01-12T08:00:00Z\"}")
			.andExpect(status().isOk());
		return leadId;
	}
}
