package dev.pulsecrm.marketing.campaign;

import dev.pulsecrm.marketing.MarketingApi;
import dev.pulsecrm.marketing.MarketingServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class CampaignApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	CampaignRepository campaigns;

	MarketingApi api;

	@BeforeEach
	void api() {
		this.api = new MarketingApi(this.mvc);
	}

	@Test
	void aCampaignIsCreatedOnceForItsExternalId() throws Exception {
		String body = """
				{"name": "Autumn fair", "channel": "TRADE_SHOW", "budget": {"amount": "2500.00", "currency": "EUR"},
				 "startDate": "2026-09-01", "endDate": "2026-09-03", "region": "EU", "externalId": "fair-2026"}""";
		String id = this.api.create("/api/marketing/campaigns", body);

		this.api.post("/api/marketing/campaigns", body).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
		this.api.get("/api/marketing/campaigns/" + id)
			.andExpect(jsonPath("$.channel").value("TRADE_SHOW"))
			.andExpect(jsonPath("$.budget.amount").value(2500.0))
			.andExpect(jsonPath("$.spend.amount").value(0.0))
			.andExpect(jsonPath("$.spend.currency").value("EUR"));
		assertThat(this.campaigns.findAll()).filteredOn((c) -> "fair-2026".equals(c.externalId())).hasSize(1);
	}

	@Test
	void spendEntriesAddUpToTheCampaignsSpend() throws Exception {
		String id = this.api.campaign("SEARCH_ADS");

		this.api.create("/api/marketing/campaigns/" + id + "/spend",
				"{\"amount\": {\"amount\": 120.10, \"currency\": \"USD\"}, \"date\": \"2026-02-01\"}");
		this.api.create("/api/marketing/campaigns/" + id + "/spend",
				"{\"amount\": {\"amount\": \"79.90\", \"currency\": \"USD\"}, \"date\": \"2026-02-02\"}");

		this.api.get("/api/marketing/campaigns/" + id).andExpect(jsonPath("$.spend.amount").value(200.0));
	}

	@Test
	void spendInTheFutureOrAnotherCurrencyIsRefusedAndNotAdded() throws Exception {
		String id = this.api.campaign("DISPLAY_ADS");

		this.api.post("/api/marketing/campaigns/" + id + "/spend",
				"{\"amount\": {\"amount\": 10, \"currency\": \"USD\"}, \"date\": \"2999-01-01\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.errors[0].field").value("date"));
		this.api.post("/api/marketing/campaigns/" + id + "/spend",
				"{\"amount\": {\"amount\": 10, \"currency\": \"EUR\"}, \"date\": \"2026-01-02\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("amount.currency"));

		this.api.get("/api/marketing/campaigns/" + id).andExpect(jsonPath("$.spend.amount").value(0.0));
	}

	@Test
	void spendOnAnUnknownCampaignIsNotFound() throws Exception {
		this.api.post("/api/marketing/campaigns/nope/spend",
				"{\"amount\": {\"amount\": 10, \"currency\": \"USD\"}, \"date\": \"2026-01-02\"}")
			.andExpect(status().isNotFound());
	}

	@Test
	void anEndDateBeforeTheStartIsRefusedAndNothingIsCreated() throws Exception {
		long before = this.campaigns.count();

		this.api.post("/api/marketing/campaigns", """
				{"name": "Backwards", "channel": "TV", "budget": {"amount": 1, "currency": "USD"},
				 "startDate": "2026-05-02", "endDate": "2026-05-01"}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("endDate"));

		assertThat(this.campaigns.count()).isEqualTo(before);
	}

	@Test
	void missingFieldsAndUnknownChannelsAreBadRequests() throws Exception {
		long before = this.campaigns.count();

		this.api.post("/api/marketing/campaigns", "{\"channel\": \"TV\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("name", "budget")));
		this.api.post("/api/marketing/campaigns", """
				{"name": "X", "channel": "RADIO", "budget": {"amount": 1}, "startDate": "2026-05-02"}""")
			.andExpect(status().isBadRequest());
		this.api.post("/api/marketing/campaigns", "{not json").andExpect(status().isBadRequest());

		assertThat(this.campaigns.count()).isEqualTo(before);
	}

	@Test
	void campaignsAreListedByChannelInPages() throws Exception {
		this.api.campaign("REFERRAL");
		this.api.campaign("REFERRAL");
		this.api.campaign("REFERRAL");

		this.api.get("/api/marketing/campaigns?channel=REFERRAL&size=2&page=1")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(2))
			.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(3)))
			.andExpect(jsonPath("$.items[*].channel").value(org.hamcrest.Matchers.everyItem(
					org.hamcrest.Matchers.is("REFERRAL"))));
		this.api.get("/api/marketing/campaigns?size=501").andExpect(status().isBadRequest());
		this.api.get("/api/marketing/campaigns?channel=RADIO").andExpect(status().isBadRequest());
	}
}
