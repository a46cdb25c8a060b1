package dev.pulsecrm.client.marketing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.client.ApiProblemException;
import dev.pulsecrm.client.FakeGatewayTest;
import dev.pulsecrm.client.Money;
import dev.pulsecrm.client.Page;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MarketingClientTest extends FakeGatewayTest {

	@Autowired
	MarketingClient marketing;

	@Test
	void convertingALeadPostsTheDealToOpenAndReadsTheSalesIds() {
		gateway.replyJson(200, """
				{"leadId":"l1","accountId":"a9","dealId":"d9","convertedAt":"2026-02-03T04:05:06Z"}""");

		Conversion conversion = this.marketing.convertLead("l1", new ConvertLead("Acme platform",
				Money.usd("25000.00"), "rep-1", "emea", LocalDate.of(2026, 3, 31),
				Instant.parse("2026-02-03T04:05:06Z")));

		var request = gateway.request();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/marketing/leads/l1/convert");
		JsonNode body = jsonOf(request.body());
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("dealName", "amount", "ownerId", "team",
				"expectedCloseDate", "at");
		assertThat(body.get("expectedCloseDate").asString()).isEqualTo("2026-03-31");
		assertThat(body.get("amount").get("currency").asString()).isEqualTo("USD");
		assertThat(conversion.accountId()).isEqualTo("a9");
		assertThat(conversion.dealId()).isEqualTo("d9");
	}

	@Test
	void engagementEventsArePostedAsAnArrayWithTypeAndInstant() {
		gateway.replyJson(200, """
				{"items":2,"recorded":1,"duplicates":0,"failed":1,"results":[
				  {"index":0,"status":201,"id":"e1","error":null},
				  {"index":1,"status":422,"id":null,"error":"no lead has email x@y.z"}]}""");

		EngagementBatchResult result = this.marketing.recordEvents("c1",
				List.of(new EngagementItem("l1", null, EngagementType.OPENED, Instant.parse("2026-01-01T09:00:00Z")),
						new EngagementItem(null, "x@y.z", EngagementType.REPLIED, null)));

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/marketing/campaigns/c1/events");
		JsonNode body = jsonOf(request.body());
		assertThat(body.isArray()).isTrue();
		assertThat(body.get(0).get("leadId").asString()).isEqualTo("l1");
		assertThat(body.get(0).get("type").asString()).isEqualTo("OPENED");
		assertThat(body.get(0).get("at").asString()).isEqualTo("2026-01-01T09:00:00Z");
		assertThat(body.get(1).get("email").asString()).isEqualTo("x@y.z");
		assertThat(result.recorded()).isEqualTo(1);
		assertThat(result.results().get(1).status()).isEqualTo(422);
	}

	@Test
	void aSubscriptionChangeIsSentWithItsType() {
		gateway.replyJson(201, """
				{"id":"s1","email":"a@b.c","type":"UNSUBSCRIBED","at":"2026-01-01T00:00:00Z"}""");

		SubscriptionEvent event = this.marketing.recordSubscription(
				new RecordSubscription("a@b.c", SubscriptionType.UNSUBSCRIBED, null, null));

		JsonNode body = jsonOf(gateway.request().body());
		assertThat(body.get("type").asString()).isEqualTo("UNSUBSCRIBED");
		assertThat(body.get("email").asString()).isEqualTo("a@b.c");
		assertThat(event.type()).isEqualTo(SubscriptionType.UNSUBSCRIBED);
	}

	@Test
	void listingLeadsFiltersByStatusAndChannelAndReadsScores() {
		gateway.replyJson(200, """
				{"items":[{"id":"l1","name":"Ann","email":"ann@acme.io","channel":"SEMINAR","status":"QUALIFIED",
				  "score":17,"createdAt":"2026-01-01T00:00:00Z","firstContactAt":"2026-01-02T00:00:00Z"}],
				 "page":0,"size":50,"total":1}""");

		Page<Lead> leads = this.marketing.listLeads(LeadStatus.QUALIFIED, Channel.SEMINAR, null, null, 10L, 0, 50);

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/marketing/leads");
		assertThat(request.singleQuery()).isEqualTo(
				Map.of("status", "QUALIFIED", "channel", "SEMINAR", "minScore", "10", "page", "0", "size", "50"));
		assertThat(leads.items()).singleElement().satisfies((lead) -> {
			assertThat(lead.score()).isEqualTo(17);
			assertThat(lead.channel()).isEqualTo(Channel.SEMINAR);
			assertThat(lead.firstContactAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
		});
	}

	@Test
	void campaignsAndSpendUseTheBudgetMoneyAndIsoDates() {
		gateway.replyJson(201, """
				{"id":"c1","name":"Spring seminar","channel":"SEMINAR","budget":{"amount":5000.00,"currency":"USD"},
				 "startDate":"2026-03-01","spend":{"amount":0.00,"currency":"USD"}}""");
		gateway.replyJson(201, """
				{"id":"s1","campaignId":"c1","amount":{"amount":120.00,"currency":"USD"},"date":"2026-03-02"}""");

		Campaign campaign = this.marketing.createCampaign(new CreateCampaign("Spring seminar", Channel.SEMINAR,
				Money.usd("5000.00"), LocalDate.of(2026, 3, 1), null, null, null, null, "camp-1", null));
		SpendEntry spend = this.marketing.recordSpend("c1",
				new RecordSpend(Money.usd("120.00"), LocalDate.of(2026, 3, 2), null));

		JsonNode campaignBody = jsonOf(gateway.request().body());
		assertThat(campaignBody.get("channel").asString()).isEqualTo("SEMINAR");
		assertThat(campaignBody.get("startDate").asString()).isEqualTo("2026-03-01");
		assertThat(campaignBody.get("budget").get("amount").decimalValue()).isEqualByComparingTo("5000");
		var spendRequest = gateway.request();
		assertThat(spendRequest.path()).isEqualTo("/api/marketing/campaigns/c1/spend");
		assertThat(jsonOf(spendRequest.body()).get("date").asString()).isEqualTo("2026-03-02");
		assertThat(campaign.spend()).isEqualTo(Money.usd("0.00"));
		assertThat(spend.date()).isEqualTo(LocalDate.of(2026, 3, 2));
	}

	@Test
	void theSendTimeIsReadPerSegment() {
		gateway.replyJson(200, """
				{"segment":"SMB","dayOfWeek":"TUESDAY","hour":9,"events":12,
				 "ranking":[{"dayOfWeek":"TUESDAY","hour":9,"events":12}]}""");

		SendTime best = this.marketing.sendTime("SMB");

		assertThat(gateway.request().singleQuery()).isEqualTo(Map.of("segment", "SMB"));
		assertThat(best.dayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
		assertThat(best.hour()).isEqualTo(9);
	}

	@Test
	void convertingWhileSalesIsDownIsAProblemWith503() {
		gateway.reply(503, "application/problem+json", """
				{"title":"Service Unavailable","status":503,"detail":"sales is unavailable; the lead was not converted"}""");

		assertThatExceptionOfType(ApiProblemException.class)
			.isThrownBy(() -> this.marketing.convertLead("l1",
					new ConvertLead("x", Money.usd("1.00"), "rep", null, null, null)))
			.satisfies((problem) -> assertThat(problem.status()).isEqualTo(503));
	}
}
