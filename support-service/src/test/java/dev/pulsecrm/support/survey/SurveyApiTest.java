package dev.pulsecrm.support.survey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.jayway.jsonpath.JsonPath;
import dev.pulsecrm.support.SupportData;
import dev.pulsecrm.support.SupportServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SupportServiceTest
class SurveyApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void empty() {
		SupportData.clear(this.mongo);
	}

	@Test
	void aResponseIsRecordedAndAnExternalIdRepeatReturnsIt() throws Exception {
		String ticket = ticket("acme");
		String body = "{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":9,\"ticketId\":\"" + ticket
				+ "\",\"comment\":\"quick\",\"heardFrom\":\"WEBINAR\",\"respondedAt\":\"2026-01-05T10:00:00Z\","
				+ "\"externalId\":\"s-1\"}";
		String id = JsonPath.read(record(body).andExpect(status().isCreated())
			.andExpect(jsonPath("$.score").value(9))
			.andExpect(jsonPath("$.heardFrom").value("WEBINAR"))
			.andExpect(jsonPath("$.respondedAt").value("2026-01-05T10:00:00Z"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		record(body).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
		this.mvc.perform(get("/api/support/surveys/responses/" + id)).andExpect(jsonPath("$.ticketId").value(ticket));
		assertThat(stored()).isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource({ "NPS, -1", "NPS, 11", "CSAT, 0", "CSAT, 6" })
	void anOutOfRangeScoreIs422NamingTheScoreAndStoresNothing(String type, int score) throws Exception {
		record("{\"type\":\"" + type + "\",\"accountId\":\"acme\",\"score\":" + score + "}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("score"));
		assertThat(stored()).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "NPS, 0", "NPS, 10", "CSAT, 1", "CSAT, 5" })
	void theEdgesOfEachScaleAreAccepted(String type, int score) throws Exception {
		record("{\"type\":\"" + type + "\",\"accountId\":\"acme\",\"score\":" + score + "}")
			.andExpect(status().isCreated());
	}

	@Test
	void otherInvalidResponsesAreRefusedAndStoreNothing() throws Exception {
		record("{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":5,\"ticketId\":\"missing\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("ticketId"));
		record("{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":5,\"ticketId\":\"" + ticket("globex") + "\"}")
			.andExpect(status().isUnprocessableContent());
		record("{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":5,\"comment\":\"" + "x".repeat(2001) + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("comment"));
		record("{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":5,\"heardFrom\":\"BILLBOARD\"}")
			.andExpect(status().isBadRequest());
		record("{\"type\":\"NPS\",\"accountId\":\"acme\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("score"));
		record("{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":5,\"respondedAt\":\""
				+ Instant.now().plus(1, ChronoUnit.DAYS) + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("respondedAt"));
		assertThat(stored()).isZero();
	}

	@Test
	void theListFiltersByTypeAccountTicketAndChannel() throws Exception {
		String ticket = ticket("acme");
		record("{\"type\":\"NPS\",\"accountId\":\"acme\",\"score\":9,\"respondedAt\":\"2026-01-01T00:00:00Z\"}");
		record("{\"type\":\"CSAT\",\"accountId\":\"acme\",\"score\":4,\"ticketId\":\"" + ticket
				+ "\",\"respondedAt\":\"2026-01-02T00:00:00Z\"}");
		record("{\"type\":\"NPS\",\"accountId\":\"globex\",\"score\":3,\"heardFrom\":\"TV\","
				+ "\"respondedAt\":\"2026-01-03T00:00:00Z\"}");
		list("type=NPS").andExpect(jsonPath("$.items[*].score", contains(3, 9)));
		list("accountId=acme").andExpect(jsonPath("$.items[*].score", contains(4, 9)));
		list("ticketId=" + ticket).andExpect(jsonPath("$.items[*].score", contains(4)));
		list("heardFrom=TV").andExpect(jsonPath("$.items[*].score", contains(3)));
		list("size=1&page=2").andExpect(jsonPath("$.items[*].score", contains(9))).andExpect(jsonPath("$.total").value(3));
		this.mvc.perform(get("/api/support/surveys/responses?type=STARS")).andExpect(status().isBadRequest());
	}

	private ResultActions list(String query) throws Exception {
		return this.mvc.perform(get("/api/support/surveys/responses?" + query)).andExpect(status().isOk());
	}

	private ResultActions record(String json) throws Exception {
		return this.mvc
			.perform(post("/api/support/surveys/responses").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private long stored() {
		return this.mongo.count(new Query(), "survey_responses");
	}

	private String ticket(String account) throws Exception {
		String body = this.mvc
			.perform(post("/api/support/tickets").contentType(MediaType.APPLICATION_JSON)
				.content("{\"accountId\":\"" + account + "\",\"subject\":\"s\",\"priority\":\"LOW\",\"channel\":\"EMAIL\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.id");
	}
}
