package dev.pulsecrm.client.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.client.FakeGatewayTest;
import dev.pulsecrm.client.Page;
import dev.pulsecrm.client.marketing.Channel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SupportClientTest extends FakeGatewayTest {

	@Autowired
	SupportClient support;

	@Test
	void aReplyIsSentWithThePublicFieldNamedAsTheApiNamesIt() {
		gateway.replyJson(200, """
				{"id":"t1","status":"PENDING","firstResponseAt":"2026-01-01T10:00:00Z","breached":false,
				 "history":[{"action":"REPLY","at":"2026-01-01T10:00:00Z","agentId":"ag1","public":true}]}""");

		Ticket ticket = this.support.reply("t1", new ReplyToTicket("ag1", true, Instant.parse("2026-01-01T10:00:00Z")));

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/support/tickets/t1/reply");
		JsonNode body = jsonOf(request.body());
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("agentId", "public", "at");
		assertThat(body.get("public").asBoolean()).isTrue();
		assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);
		assertThat(ticket.history()).singleElement().satisfies((event) -> {
			assertThat(event.action()).isEqualTo(TicketAction.REPLY);
			assertThat(event.publicReply()).isTrue();
		});
	}

	@Test
	void creatingATicketReadsItsSlaDeadlinesAndBreach() {
		gateway.replyJson(201, """
				{"id":"t1","accountId":"a1","subject":"Login fails","priority":"URGENT","channel":"EMAIL",
				 "status":"OPEN","createdAt":"2026-01-01T00:00:00Z","firstResponseDueAt":"2026-01-01T01:00:00Z",
				 "resolutionDueAt":"2026-01-01T04:00:00Z","breached":true,"resolutions":[],"history":[]}""");

		Ticket ticket = this.support.createTicket(new CreateTicket("a1", "Login fails", Priority.URGENT, "EMAIL", null,
				null, null, "t-ext", Instant.parse("2026-01-01T00:00:00Z")));

		JsonNode body = jsonOf(gateway.request().body());
		assertThat(body.get("priority").asString()).isEqualTo("URGENT");
		assertThat(body.get("accountId").asString()).isEqualTo("a1");
		assertThat(ticket.firstResponseDueAt()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
		assertThat(ticket.breached()).isTrue();
	}

	@Test
	void listingTicketsSendsBreachedAndDueBeforeAsQueryValues() {
		gateway.replyJson(200, "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");

		Page<Ticket> page = this.support.listTickets(TicketStatus.OPEN, null, null, null, null, null, null, true,
				Instant.parse("2026-01-01T12:00:00Z"), 0, 20);

		assertThat(gateway.request().singleQuery()).isEqualTo(Map.of("status", "OPEN", "breached", "true", "dueBefore",
				"2026-01-01T12:00:00Z", "page", "0", "size", "20"));
		assertThat(page.items()).isEmpty();
	}

	@Test
	void resolvingReopeningAndClosingPostTheirInstants() {
		gateway.replyJson(200, "{\"id\":\"t1\",\"status\":\"RESOLVED\",\"breached\":false}");
		gateway.replyJson(200, "{\"id\":\"t1\",\"status\":\"OPEN\",\"breached\":false}");
		gateway.replyJson(200, "{\"id\":\"t1\",\"status\":\"CLOSED\",\"breached\":false}");

		this.support.resolve("t1", new TicketChange(Instant.parse("2026-01-02T00:00:00Z")));
		this.support.reopen("t1", new TicketChange(null));
		Ticket closed = this.support.close("t1", new TicketChange(null));

		var resolve = gateway.request();
		assertThat(resolve.path()).isEqualTo("/api/support/tickets/t1/resolve");
		assertThat(jsonOf(resolve.body()).get("at").asString()).isEqualTo("2026-01-02T00:00:00Z");
		assertThat(gateway.request().path()).isEqualTo("/api/support/tickets/t1/reopen");
		assertThat(gateway.request().path()).isEqualTo("/api/support/tickets/t1/close");
		assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
	}

	@Test
	void aSurveyResponseCarriesItsTypeScoreAndHeardFromChannel() {
		gateway.replyJson(201, """
				{"id":"s1","type":"NPS","accountId":"a1","score":9,"heardFrom":"TRADE_SHOW",
				 "respondedAt":"2026-01-05T00:00:00Z"}""");

		SurveyResponse response = this.support.recordSurveyResponse(new RecordSurveyResponse(SurveyType.NPS, "a1", 9,
				null, "great", Channel.TRADE_SHOW, Instant.parse("2026-01-05T00:00:00Z"), "nps-1"));

		var request = gateway.request();
		assertThat(request.path()).isEqualTo("/api/support/surveys/responses");
		JsonNode body = jsonOf(request.body());
		assertThat(body.get("type").asString()).isEqualTo("NPS");
		assertThat(body.get("score").asInt()).isEqualTo(9);
		assertThat(body.get("heardFrom").asString()).isEqualTo("TRADE_SHOW");
		assertThat(response.heardFrom()).isEqualTo(Channel.TRADE_SHOW);
	}

	@Test
	void theSlaPolicyIsReadAndReplacedAsAListOfTargets() {
		gateway.replyJson(200, """
				[{"priority":"URGENT","firstResponse":"PT1H","resolution":"PT4H"}]""");

		List<SlaTarget> targets = this.support.getSlaPolicies();

		assertThat(gateway.request().path()).isEqualTo("/api/support/sla-policies");
		assertThat(targets).containsExactly(new SlaTarget(Priority.URGENT, "PT1H", "PT4H"));
	}
}
