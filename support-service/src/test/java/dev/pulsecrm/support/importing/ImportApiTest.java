package dev.pulsecrm.support.importing;

import dev.pulsecrm.support.SupportData;
import dev.pulsecrm.support.SupportServiceTest;
import dev.pulsecrm.support.ticket.Ticket;
import dev.pulsecrm.support.ticket.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SupportServiceTest
class ImportApiTest {

	static final String TICKET = "{\"type\":\"ticket\",\"externalId\":\"t-1\",\"accountId\":\"acme\",\"subject\":\"s\","
			+ "\"priority\":\"HIGH\",\"channel\":\"chat\",\"category\":\"billing\",\"assigneeId\":\"alice\","
			+ "\"team\":\"emea\",\"createdAt\":\"2026-02-01T08:00:00Z\",\"history\":["
			+ "{\"action\":\"REPLY\",\"at\":\"2026-02-01T09:00:00Z\",\"agentId\":\"alice\",\"public\":true},"
			+ "{\"action\":\"RESOLVE\",\"at\":\"2026-02-02T09:00:00Z\"},"
			+ "{\"action\":\"REOPEN\",\"at\":\"2026-02-03T09:00:00Z\"},"
			+ "{\"action\":\"RESOLVE\",\"at\":\"2026-02-04T09:00:00Z\"},"
			+ "{\"action\":\"CLOSE\",\"at\":\"2026-02-05T09:00:00Z\"}]}";

	static final String SURVEY = "{\"type\":\"survey\",\"externalId\":\"s-1\",\"surveyType\":\"CSAT\","
			+ "\"accountId\":\"acme\",\"score\":4,\"ticketExternalId\":\"t-1\",\"heardFrom\":\"SEMINAR\","
			+ "\"respondedAt\":\"2026-02-06T09:00:00Z\"}";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void empty() {
		SupportData.clear(this.mongo);
	}

	@Test
	void aTicketWithHistoryAndASurveyAboutItAreImported() throws Exception {
		importLines(TICKET + "\n" + SURVEY + "\n").andExpect(jsonPath("$.lines").value(2))
			.andExpect(jsonPath("$.imported").value(2))
			.andExpect(jsonPath("$.results[0].status").value(201))
			.andExpect(jsonPath("$.results[1].status").value(201));
		Ticket ticket = this.mongo.findOne(new Query(), Ticket.class);
		assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
		assertThat(ticket.channel()).isEqualTo("CHAT");
		assertThat(ticket.firstResponseAt()).hasToString("2026-02-01T09:00:00Z");
		assertThat(ticket.resolvedAt()).hasToString("2026-02-02T09:00:00Z");
		assertThat(ticket.resolutions()).hasSize(2);
		// HIGH: resolution due 24 h after creation, first resolution came after 25 h
		assertThat(ticket.resolutionDueAt()).hasToString("2026-02-02T08:00:00Z");
		assertThat(ticket.resolvedWithinSla()).isFalse();
		assertThat(this.mongo.count(new Query(), "survey_responses")).isEqualTo(1);
	}

	@Test
	void reRunningAnImportReturnsTheExistingRecords() throws Exception {
		importLines(TICKET + "\n" + SURVEY);
		importLines(TICKET + "\n" + SURVEY).andExpect(jsonPath("$.results[0].status").value(200))
			.andExpect(jsonPath("$.results[1].status").value(200));
		assertThat(this.mongo.count(new Query(), "tickets")).isEqualTo(1);
		assertThat(this.mongo.count(new Query(), "survey_responses")).isEqualTo(1);
	}

	@Test
	void aBadLineIsReportedAndNothingOfItIsWritten() throws Exception {
		String illegalHistory = TICKET.replace("\"t-1\"", "\"t-2\"").replace("\"REOPEN\"", "\"CLOSE\"");
		String outOfOrder = TICKET.replace("\"t-1\"", "\"t-3\"").replace("2026-02-03T09", "2026-01-03T09");
		String badScore = SURVEY.replace("\"score\":4", "\"score\":9");
		String unknownTicket = SURVEY.replace("\"t-1\"", "\"t-404\"");
		importLines(String.join("\n", illegalHistory, outOfOrder, badScore, unknownTicket, "{\"type\":\"deal\"}", "{oops"))
			.andExpect(jsonPath("$.imported").value(0))
			.andExpect(jsonPath("$.failed").value(6))
			.andExpect(jsonPath("$.results[0].status").value(409))
			.andExpect(jsonPath("$.results[0].error", startsWith("history[3]")))
			.andExpect(jsonPath("$.results[1].status").value(422))
			.andExpect(jsonPath("$.results[2].status").value(422))
			.andExpect(jsonPath("$.results[3].status").value(422))
			.andExpect(jsonPath("$.results[4].status").value(400))
			.andExpect(jsonPath("$.results[5].status").value(400));
		assertThat(this.mongo.count(new Query(), "tickets")).isZero();
		assertThat(this.mongo.count(new Query(), "survey_responses")).isZero();
	}

	@Test
	void plainTextAndJsonBodiesAreAcceptedToo() throws Exception {
		this.mvc.perform(post("/api/support/import").contentType(MediaType.TEXT_PLAIN).content(TICKET))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(1));
		this.mvc.perform(post("/api/support/import").contentType(MediaType.APPLICATION_JSON).content(SURVEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imported").value(1));
	}

	private ResultActions importLines(String ndjson) throws Exception {
		return this.mvc
			.perform(post("/api/support/import").contentType(MediaType.parseMediaType("application/x-ndjson"))
				.content(ndjson))
			.andExpect(status().isOk());
	}
}
