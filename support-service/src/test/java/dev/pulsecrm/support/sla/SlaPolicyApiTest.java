package dev.pulsecrm.support.sla;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.pulsecrm.support.SupportData;
import dev.pulsecrm.support.SupportServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SupportServiceTest
class SlaPolicyApiTest {

	static final String DEFAULTS = "[{\"priority\":\"URGENT\",\"firstResponse\":\"PT1H\",\"resolution\":\"PT4H\"},"
			+ "{\"priority\":\"HIGH\",\"firstResponse\":\"PT4H\",\"resolution\":\"PT24H\"},"
			+ "{\"priority\":\"NORMAL\",\"firstResponse\":\"PT8H\",\"resolution\":\"PT72H\"},"
			+ "{\"priority\":\"LOW\",\"firstResponse\":\"PT24H\",\"resolution\":\"PT168H\"}]";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void empty() {
		SupportData.clear(this.mongo);
	}

	@Test
	void theDefaultPolicyIsServedUntilOneIsPut() throws Exception {
		this.mvc.perform(get("/api/support/sla-policies"))
			.andExpect(status().isOk())
			.andExpect(content().json(DEFAULTS, org.springframework.test.json.JsonCompareMode.STRICT));
	}

	@Test
	void aNewPolicyAppliesToNewTicketsOnly() throws Exception {
		Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
		String old = createUrgent(created);
		this.mvc.perform(put("/api/support/sla-policies").contentType(MediaType.APPLICATION_JSON)
			.content(DEFAULTS.replace("\"PT1H\"", "\"PT30M\"").replace("\"PT4H\",\"resolution\":\"PT24H\"",
					"\"PT2H\",\"resolution\":\"P2D\"")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].firstResponse").value("PT30M"))
			.andExpect(jsonPath("$[1].resolution").value("PT48H"));
		this.mvc.perform(get("/api/support/sla-policies")).andExpect(jsonPath("$[0].firstResponse").value("PT30M"));

		String young = createUrgent(created);
		this.mvc.perform(get("/api/support/tickets/" + old))
			.andExpect(jsonPath("$.firstResponseDueAt").value(created.plus(1, ChronoUnit.HOURS).toString()));
		this.mvc.perform(get("/api/support/tickets/" + young))
			.andExpect(jsonPath("$.firstResponseDueAt").value(created.plus(30, ChronoUnit.MINUTES).toString()));
	}

	@Test
	void anInvalidPolicyIs422AndLeavesTheCurrentOne() throws Exception {
		this.mvc.perform(put("/api/support/sla-policies").contentType(MediaType.APPLICATION_JSON)
			.content(DEFAULTS.replace("\"PT168H\"", "\"PT0S\"")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("[3].resolution"));
		this.mvc.perform(put("/api/support/sla-policies").contentType(MediaType.APPLICATION_JSON)
			.content(DEFAULTS.replace("\"PT8H\"", "\"eight hours\"")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("[2].firstResponse"));
		this.mvc.perform(put("/api/support/sla-policies").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"priority\":\"URGENT\",\"firstResponse\":\"PT1H\",\"resolution\":\"PT4H\"}]"))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/support/sla-policies"))
			.andExpect(content().json(DEFAULTS, org.springframework.test.json.JsonCompareMode.STRICT));
	}

	private String createUrgent(Instant createdAt) throws Exception {
		String body = this.mvc
			.perform(post("/api/support/tickets").contentType(MediaType.APPLICATION_JSON)
				.content("{\"accountId\":\"acme\",\"subject\":\"s\",\"priority\":\"URGENT\",\"channel\":\"EMAIL\","
						+ "\"createdAt\":\"" + createdAt + "\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return com.jayway.jsonpath.JsonPath.read(body, "$.id");
	}
}
