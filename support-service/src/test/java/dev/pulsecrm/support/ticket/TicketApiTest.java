package dev.pulsecrm.support.ticket;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.support.SupportData;
import dev.pulsecrm.support.SupportServiceTest;
import dev.pulsecrm.support.SupportTestConfiguration.SwitchableCallerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The ticket REST API end to end on the embedded MongoDB, including refusals that must change nothing. */
@SupportServiceTest
class TicketApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SwitchableCallerProvider callers;

	Instant now;

	@BeforeEach
	void empty() {
		SupportData.clear(this.mongo);
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	@AfterEach
	void asSystemAgain() {
		this.callers.reset();
	}

	@Test
	void creatingATicketSetsItsSlaDeadlinesFromItsPriority() throws Exception {
		Instant created = this.now.minus(10, ChronoUnit.MINUTES);
		create("{\"accountId\":\"acme\",\"subject\":\"site down\",\"priority\":\"URGENT\",\"channel\":\"phone\","
				+ "\"category\":\"outage\",\"createdAt\":\"" + created + "\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.channel").value("PHONE"))
			.andExpect(jsonPath("$.firstResponseDueAt").value(created.plus(1, ChronoUnit.HOURS).toString()))
			.andExpect(jsonPath("$.resolutionDueAt").value(created.plus(4, ChronoUnit.HOURS).toString()))
			.andExpect(jsonPath("$.firstResponseAt").doesNotExist())
			.andExpect(jsonPath("$.breached").value(false));
	}

	@Test
	void aSecondCreateWithTheSameExternalIdReturnsTheFirstTicket() throws Exception {
		String body = "{\"accountId\":\"acme\",\"subject\":\"s\",\"priority\":\"LOW\",\"channel\":\"EMAIL\","
				+ "\"externalId\":\"zd-1\"}";
		String first = id(create(body).andExpect(status().isCreated()));
		create(body).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(first));
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "tickets")).isEqualTo(1);
	}

	@Test
	void invalidCreatesAreRefusedAndStoreNothing() throws Exception {
		create("{\"accountId\":\"acme\",\"priority\":\"LOW\",\"channel\":\"EMAIL\"}")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("subject"));
		create("{\"accountId\":\"acme\",\"subject\":\"s\",\"priority\":\"SOON\",\"channel\":\"EMAIL\"}")
			.andExpect(status().isBadRequest());
		create("{\"accountId\":\"acme\",\"subject\":\"s\",\"priority\":\"LOW\",\"channel\":\"EMAIL\","
				+ "\"createdAt\":\"" + this.now.plus(1, ChronoUnit.DAYS) + "\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("createdAt"));
		assertThat(this.mongo.count(new org.springframework.data.mongodb.core.query.Query(), "tickets")).isZero();
	}

	@Test
	void anUnknownTicketIs404() throws Exception {
		this.mvc.perform(get("/api/support/tickets/nope"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/support/tickets/nope/resolve")).andExpect(status().isNotFound());
	}

	@Test
	void aTicketGoesThroughReplyResolveReopenResolveAndClose() throws Exception {
		Instant created = this.now.minus(5, ChronoUnit.HOURS);
		String id = ticket("NORMAL", created);
		command(id, "reply", "{\"agentId\":\"alice\",\"public\":false,\"at\":\"" + created.plusSeconds(60) + "\"}")
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.firstResponseAt").doesNotExist());
		command(id, "reply", "{\"agentId\":\"alice\",\"public\":true,\"at\":\"" + created.plusSeconds(120) + "\"}")
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.firstResponseAt").value(created.plusSeconds(120).toString()));
		command(id, "resolve", "{\"at\":\"" + created.plusSeconds(3600) + "\"}")
			.andExpect(jsonPath("$.status").value("RESOLVED"))
			.andExpect(jsonPath("$.resolvedAt").value(created.plusSeconds(3600).toString()));
		command(id, "reopen", "{\"at\":\"" + created.plusSeconds(7200) + "\"}")
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.resolvedAt").value(created.plusSeconds(3600).toString()));
		command(id, "resolve", "{\"at\":\"" + created.plusSeconds(10800) + "\"}")
			.andExpect(jsonPath("$.resolvedAt").value(created.plusSeconds(3600).toString()))
			.andExpect(jsonPath("$.resolutions", hasSize(2)));
		command(id, "close", null).andExpect(jsonPath("$.status").value("CLOSED"))
			.andExpect(jsonPath("$.history[*].action",
					contains("REPLY", "REPLY", "RESOLVE", "REOPEN", "RESOLVE", "CLOSE")))
			.andExpect(jsonPath("$.history[1].public").value(true));
	}

	@Test
	void anIllegalTransitionIs409AndChangesNothing() throws Exception {
		String id = ticket("NORMAL", this.now.minus(1, ChronoUnit.HOURS));
		String before = this.mvc.perform(get("/api/support/tickets/" + id)).andReturn().getResponse().getContentAsString();
		this.mvc.perform(post("/api/support/tickets/" + id + "/close"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/support/tickets/" + id + "/reopen")).andExpect(status().isConflict());
		assertUnchanged(id, before);
	}

	@Test
	void anEventBeforeThePreviousOneIs422AndChangesNothing() throws Exception {
		Instant created = this.now.minus(2, ChronoUnit.HOURS);
		String id = ticket("NORMAL", created);
		command(id, "reply", "{\"agentId\":\"a\",\"public\":true,\"at\":\"" + created.plusSeconds(600) + "\"}");
		String before = this.mvc.perform(get("/api/support/tickets/" + id)).andReturn().getResponse().getContentAsString();
		this.mvc.perform(post("/api/support/tickets/" + id + "/resolve").contentType(MediaType.APPLICATION_JSON)
			.content("{\"at\":\"" + created.plusSeconds(599) + "\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("at"));
		this.mvc.perform(post("/api/support/tickets/" + id + "/resolve").contentType(MediaType.APPLICATION_JSON)
			.content("{\"at\":\"" + this.now.plus(1, ChronoUnit.HOURS) + "\"}")).andExpect(status().isUnprocessableContent());
		this.mvc.perform(post("/api/support/tickets/" + id + "/reply").contentType(MediaType.APPLICATION_JSON)
			.content("{\"public\":true}")).andExpect(status().isBadRequest());
		assertUnchanged(id, before);
	}

	@Test
	void someoneWhoIsNeitherAssigneeNorTeamMemberGets403AndChangesNothing() throws Exception {
		String id = id(create("{\"accountId\":\"acme\",\"subject\":\"s\",\"priority\":\"HIGH\",\"channel\":\"EMAIL\","
				+ "\"assigneeId\":\"alice\",\"team\":\"emea\"}"));
		String before = this.mvc.perform(get("/api/support/tickets/" + id)).andReturn().getResponse().getContentAsString();
		this.callers.actAs(new Caller("bob", "apac", Set.of("SUPPORT")));
		this.mvc.perform(post("/api/support/tickets/" + id + "/resolve")).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/support/tickets/" + id + "/assign").contentType(MediaType.APPLICATION_JSON)
			.content("{\"assigneeId\":\"bob\",\"team\":\"apac\"}")).andExpect(status().isForbidden());
		assertUnchanged(id, before);

		this.callers.actAs(new Caller("carol", "emea", Set.of("SUPPORT")));
		command(id, "assign", "{\"assigneeId\":\"carol\",\"team\":\"emea\"}")
			.andExpect(jsonPath("$.assigneeId").value("carol"));
	}

	@Test
	void theListFiltersByEveryDocumentedFieldAndPages() throws Exception {
		String a = id(create(body("acme", "URGENT", "alice", "emea")));
		String b = id(create(body("acme", "LOW", "bob", "apac")));
		String c = id(create(body("globex", "LOW", "alice", "apac")));
		command(b, "resolve", null);

		list("status=RESOLVED").andExpect(jsonPath("$.items[*].id", contains(b)));
		list("priority=LOW").andExpect(jsonPath("$.items[*].id", containsInAnyOrder(b, c)));
		list("assigneeId=alice").andExpect(jsonPath("$.items[*].id", containsInAnyOrder(a, c)));
		list("team=apac").andExpect(jsonPath("$.items[*].id", containsInAnyOrder(b, c)));
		list("accountId=globex").andExpect(jsonPath("$.items[*].id", contains(c)));
		list("accountId=acme&priority=URGENT&status=OPEN").andExpect(jsonPath("$.items[*].id", contains(a)));
		list("page=1&size=2").andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(2));
		this.mvc.perform(get("/api/support/tickets?size=501")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/support/tickets?status=DONE")).andExpect(status().isBadRequest());
		// issue 8: a filter shaped like a query operator is refused with a 400 problem naming it; a plain value is a
		// typed string compared literally, never an operator
		this.mvc.perform(get("/api/support/tickets").param("assigneeId", "{\"$ne\":null}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("assigneeId"));
		this.mvc.perform(get("/api/support/tickets").param("assigneeId", "ne null"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void breachedListsTicketsWhoseDeadlinePassedOrWasMissed() throws Exception {
		// URGENT: first response due 1 h after creation
		String overdue = ticket("URGENT", this.now.minus(2, ChronoUnit.HOURS));
		String fresh = ticket("URGENT", this.now.minus(10, ChronoUnit.MINUTES));
		String answeredLate = ticket("URGENT", this.now.minus(3, ChronoUnit.HOURS));
		command(answeredLate, "reply", "{\"agentId\":\"a\",\"public\":true,\"at\":\""
				+ this.now.minus(90, ChronoUnit.MINUTES) + "\"}");
		String answeredInTime = ticket("URGENT", this.now.minus(3, ChronoUnit.HOURS));
		command(answeredInTime, "reply", "{\"agentId\":\"a\",\"public\":true,\"at\":\""
				+ this.now.minus(150, ChronoUnit.MINUTES) + "\"}");

		list("breached=true").andExpect(jsonPath("$.items[*].id", containsInAnyOrder(overdue, answeredLate)))
			.andExpect(jsonPath("$.items[*].breached", contains(true, true)));
		list("breached=false").andExpect(jsonPath("$.items[*].id", containsInAnyOrder(fresh, answeredInTime)));
		this.mvc.perform(get("/api/support/tickets/" + overdue)).andExpect(jsonPath("$.breached").value(true));
	}

	@Test
	void dueBeforeIsTheAgentsQueueOfActiveTicketsByNextDeadline() throws Exception {
		String urgent = ticket("URGENT", this.now.minus(30, ChronoUnit.MINUTES)); // first response due in 30 min
		String high = ticket("HIGH", this.now.minus(2, ChronoUnit.HOURS)); // first response due in 2 h
		String answered = ticket("URGENT", this.now.minus(30, ChronoUnit.MINUTES));
		command(answered, "reply", "{\"agentId\":\"a\",\"public\":true}"); // next: resolution, due in 3.5 h
		String resolved = ticket("URGENT", this.now.minus(30, ChronoUnit.MINUTES));
		command(resolved, "resolve", null);
		ticket("LOW", this.now); // first response due in 24 h

		list("dueBefore=" + this.now.plus(3, ChronoUnit.HOURS)).andExpect(jsonPath("$.items[*].id", contains(urgent, high)));
		list("dueBefore=" + this.now.plus(4, ChronoUnit.HOURS))
			.andExpect(jsonPath("$.items[*].id", contains(urgent, high, answered)));
		this.mvc.perform(get("/api/support/tickets?dueBefore=tomorrow")).andExpect(status().isBadRequest());
	}

	@Test
	void theOpenApiDocumentDescribesTheSupportApi() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/support/tickets']").exists())
			.andExpect(jsonPath("$.paths['/api/support/tickets/{id}/reply']").exists())
			.andExpect(jsonPath("$.paths['/api/support/sla-policies']").exists())
			.andExpect(jsonPath("$.paths['/api/support/surveys/responses']").exists())
			.andExpect(jsonPath("$.paths['/api/support/import']").exists());
	}

	private String body(String account, String priority, String assignee, String team) {
		return "{\"accountId\":\"" + account + "\",\"subject\":\"s\",\"priority\":\"" + priority
				+ "\",\"channel\":\"EMAIL\",\"assigneeId\":\"" + assignee + "\",\"team\":\"" + team + "\"}";
	}

	private String ticket(String priority, Instant createdAt) throws Exception {
		return id(create("{\"accountId\":\"acme\",\"subject\":\"s\",\"priority\":\"" + priority
				+ "\",\"channel\":\"EMAIL\",\"createdAt\":\"" + createdAt + "\"}").andExpect(status().isCreated()));
	}

	private ResultActions create(String json) throws Exception {
		return this.mvc.perform(post("/api/support/tickets").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private ResultActions command(String id, String action, String json) throws Exception {
		var request = post("/api/support/tickets/" + id + "/" + action);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request).andExpect(status().isOk());
	}

	private ResultActions list(String query) throws Exception {
		return this.mvc.perform(get("/api/support/tickets?" + query)).andExpect(status().isOk());
	}

	private void assertUnchanged(String id, String before) throws Exception {
		String after = this.mvc.perform(get("/api/support/tickets/" + id)).andReturn().getResponse().getContentAsString();
		assertThat(after).isEqualTo(before);
	}

	private static String id(ResultActions result) throws Exception {
		return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
	}
}
