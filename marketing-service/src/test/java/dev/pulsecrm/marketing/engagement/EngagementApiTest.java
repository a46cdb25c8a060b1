package dev.pulsecrm.marketing.engagement;

import dev.pulsecrm.marketing.MarketingApi;
import dev.pulsecrm.marketing.MarketingServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MarketingServiceTest
class EngagementApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	MarketingApi api;

	@BeforeEach
	void api() {
		this.api = new MarketingApi(this.mvc);
	}

	@Test
	void aBatchIsRecordedItemByItemWithAResultForEach() throws Exception {
		String campaign = this.api.campaign("EMAIL");
		String lead = this.api.lead("{\"name\": \"D\", \"email\": \"dora@batch.example\", \"channel\": \"EMAIL\"}");
		long before = this.mongo.getCollection("engagement_events").countDocuments();

		this.api.post("/api/marketing/campaigns/" + campaign + "/events", """
				[{"leadId": "%s", "type": "SENT", "at": "2026-01-05T09:00:00Z"},
				 {"email": "dora@batch.example", "type": "opened", "at": "2026-01-05T09:30:00Z"},
				 {"leadId": "%1$s", "type": "LIKED", "at": "2026-01-05T09:31:00Z"},
				 {"email": "nobody@batch.example", "type": "OPENED"},
				 {"leadId": "%1$s", "type": "REPLIED", "at": "2999-01-01T00:00:00Z"},
				 {"leadId": "%1$s", "type": "CLICKED", "at": "yesterday"},
				 {"type": "CLICKED"}]""".formatted(lead))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").value(7))
			.andExpect(jsonPath("$.recorded").value(2))
			.andExpect(jsonPath("$.failed").value(5))
			.andExpect(jsonPath("$.results[0].status").value(201))
			.andExpect(jsonPath("$.results[1].status").value(201))
			.andExpect(jsonPath("$.results[2].status").value(422))
			.andExpect(jsonPath("$.results[2].error").value(org.hamcrest.Matchers.containsString("type")))
			.andExpect(jsonPath("$.results[3].status").value(422))
			.andExpect(jsonPath("$.results[4].status").value(422))
			.andExpect(jsonPath("$.results[5].status").value(422))
			.andExpect(jsonPath("$.results[6].status").value(422));

		assertThat(this.mongo.getCollection("engagement_events").countDocuments()).isEqualTo(before + 2);
	}

	@Test
	void eventsForAnUnknownCampaignAreNotFound() throws Exception {
		this.api.post("/api/marketing/campaigns/nope/events", "[]").andExpect(status().isNotFound());
	}

	@Test
	void theBestSendTimeIsTheHourOfWeekWithMostOpensAndReplies() throws Exception {
		String campaign = this.api.campaign("EMAIL");
		String lead = this.api.lead("{\"name\": \"E\", \"segment\": \"send-time-seg\", \"channel\": \"EMAIL\"}");
		// Tuesday 10:xx UTC: 2 opens + 1 reply; Monday 08:xx: 2 opens; a click and a send do not count
		this.api.post("/api/marketing/campaigns/" + campaign + "/events", """
				[{"leadId": "%1$s", "type": "OPENED", "at": "2026-01-06T10:05:00Z"},
				 {"leadId": "%1$s", "type": "OPENED", "at": "2026-01-13T10:55:00Z"},
				 {"leadId": "%1$s", "type": "REPLIED", "at": "2026-01-20T10:30:00Z"},
				 {"leadId": "%1$s", "type": "OPENED", "at": "2026-01-05T08:00:00Z"},
				 {"leadId": "%1$s", "type": "OPENED", "at": "2026-01-12T08:59:59Z"},
				 {"leadId": "%1$s", "type": "CLICKED", "at": "2026-01-12T08:15:00Z"},
				 {"leadId": "%1$s", "type": "SENT", "at": "2026-01-12T08:16:00Z"}]""".formatted(lead))
			.andExpect(jsonPath("$.recorded").value(7));

		this.api.get("/api/marketing/send-time?segment=send-time-seg")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dayOfWeek").value("TUESDAY"))
			.andExpect(jsonPath("$.hour").value(10))
			.andExpect(jsonPath("$.events").value(3))
			.andExpect(jsonPath("$.ranking.length()").value(2))
			.andExpect(jsonPath("$.ranking[1].dayOfWeek").value("MONDAY"))
			.andExpect(jsonPath("$.ranking[1].hour").value(8))
			.andExpect(jsonPath("$.ranking[1].events").value(2));
		this.api.get("/api/marketing/send-time?segment=nobody-here")
			.andExpect(jsonPath("$.dayOfWeek").doesNotExist())
			.andExpect(jsonPath("$.events").value(0));
	}

	@Test
	void aSubscriptionIsRecordedOnceAndBadOnesAreRefused() throws Exception {
		String body = "{\"email\": \"Sub@List.example\", \"type\": \"SUBSCRIBED\", \"at\": \"2026-01-05T09:00:00Z\"}";
		String id = this.api.create("/api/marketing/subscriptions", body);

		this.api.post("/api/marketing/subscriptions", body)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.email").value("sub@list.example"));
		long before = this.mongo.getCollection("subscriptions").countDocuments();
		this.api.post("/api/marketing/subscriptions", "{\"email\": \"x@list.example\", \"type\": \"MAYBE\"}")
			.andExpect(status().isBadRequest());
		this.api.post("/api/marketing/subscriptions",
				"{\"email\": \"x@list.example\", \"type\": \"UNSUBSCRIBED\", \"at\": \"2999-01-01T00:00:00Z\"}")
			.andExpect(status().isUnprocessableContent());
		assertThat(this.mongo.getCollection("subscriptions").countDocuments()).isEqualTo(before);
	}
}
