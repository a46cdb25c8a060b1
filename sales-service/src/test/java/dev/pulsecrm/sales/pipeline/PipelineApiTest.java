package dev.pulsecrm.sales.pipeline;

import java.util.Set;

import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.sales.SalesServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineApiTest extends SalesServiceTest {

	static final String DEFAULT = """
			{"stages": [
			 {"key": "QUALIFICATION", "name": "Qualification", "order": 1, "probability": 0.10},
			 {"key": "NEEDS_ANALYSIS", "name": "Needs analysis", "order": 2, "probability": 0.20},
			 {"key": "PROPOSAL", "name": "Proposal", "order": 3, "probability": 0.50},
			 {"key": "NEGOTIATION", "name": "Negotiation", "order": 4, "probability": 0.75}]}""";

	@AfterEach
	void restoreTheDefaultPipeline() {
		this.caller.actAs(Caller.SYSTEM);
		putJson("/api/sales/pipeline", DEFAULT, 200);
	}

	@Test
	void theDefaultPipelineIsServedUntilConfigured() {
		JsonNode stages = getJson("/api/sales/pipeline", 200).get("stages");
		assertThat(stages.size()).isEqualTo(4);
		assertThat(stages.get(0).get("key").asString()).isEqualTo("QUALIFICATION");
		assertThat(stages.get(3).get("probability").asDouble()).isEqualTo(0.75);
	}

	@Test
	void aConfiguredPipelineIsStoredInOrderAndUsedForNewDeals() {
		putJson("/api/sales/pipeline", """
				{"stages": [
				 {"key": "DEMO", "name": "Demo", "order": 2, "probability": 0.3},
				 {"key": "DISCOVERY", "name": "Discovery", "order": 1, "probability": 0.05},
				 {"key": "QUALIFICATION", "name": "Q", "order": 3, "probability": 0.1},
				 {"key": "NEEDS_ANALYSIS", "name": "N", "order": 4, "probability": 0.2},
				 {"key": "PROPOSAL", "name": "P", "order": 5, "probability": 0.5},
				 {"key": "NEGOTIATION", "name": "Ng", "order": 6, "probability": 0.75}]}""", 200);
		JsonNode stages = getJson("/api/sales/pipeline", 200).get("stages");
		assertThat(stages.get(0).get("key").asString()).isEqualTo("DISCOVERY");
		assertThat(stages.get(1).get("key").asString()).isEqualTo("DEMO");
		String team = unique("team");
		String dealId = createDeal(createAccount("ann", team), "ann", team, "2025-01-01T00:00:00Z");
		assertThat(getJson("/api/sales/deals/" + dealId, 200).get("stage").asString()).isEqualTo("DISCOVERY");
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"DEMO\"}", 200);
		// close it so the default pipeline can be restored
		postJson("/api/sales/deals/" + dealId + "/lose", "{\"reason\": \"test over\"}", 200);
	}

	@Test
	void invalidPipelinesAreRefusedAndTheStoredOneIsKept() {
		JsonNode before = getJson("/api/sales/pipeline", 200);
		putJson("/api/sales/pipeline", "{\"stages\": [{\"key\": \"WON\", \"name\": \"Won\", \"order\": 1, "
				+ "\"probability\": 1}]}", 422);
		putJson("/api/sales/pipeline", "{\"stages\": [{\"key\": \"LOST\", \"name\": \"Lost\", \"order\": 1, "
				+ "\"probability\": 0}]}", 422);
		putJson("/api/sales/pipeline", "{\"stages\": [{\"key\": \"A\", \"name\": \"a\", \"order\": 1, "
				+ "\"probability\": 0.1}, {\"key\": \"A\", \"name\": \"b\", \"order\": 2, \"probability\": 0.2}]}",
				422);
		putJson("/api/sales/pipeline", "{\"stages\": []}", 422);
		JsonNode problem = putJson("/api/sales/pipeline",
				"{\"stages\": [{\"key\": \"A\", \"name\": \"a\", \"order\": 1, \"probability\": 1.5}]}", 400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("stages[0].probability");
		putJson("/api/sales/pipeline", "{\"stages\": [{\"key\": \"lower case\", \"name\": \"a\", \"order\": 1, "
				+ "\"probability\": 0.5}]}", 400);
		assertThat(getJson("/api/sales/pipeline", 200)).isEqualTo(before);
	}

	@Test
	void aStageThatStillHoldsOpenDealsCannotBeRemoved() {
		String withExtra = DEFAULT.replace("]}", ",\n {\"key\": \"EXTRA\", \"name\": \"Extra\", \"order\": 5, "
				+ "\"probability\": 0.9}]}");
		putJson("/api/sales/pipeline", withExtra, 200);
		String team = unique("team");
		String dealId = createDeal(createAccount("ann", team), "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + dealId + "/stage", "{\"stage\": \"EXTRA\"}", 200);
		JsonNode before = getJson("/api/sales/pipeline", 200);
		putJson("/api/sales/pipeline", DEFAULT, 409);
		assertThat(getJson("/api/sales/pipeline", 200)).isEqualTo(before);

		// once the deal is closed the stage may go, and nothing can be moved into it any more
		postJson("/api/sales/deals/" + dealId + "/win", "{}", 200);
		putJson("/api/sales/pipeline", DEFAULT, 200);
		String other = createDeal(createAccount("ann", team), "ann", team, "2025-01-01T00:00:00Z");
		postJson("/api/sales/deals/" + other + "/stage", "{\"stage\": \"EXTRA\"}", 422);
		assertThat(getJson("/api/sales/deals/" + other, 200).get("stageHistory").size()).isEqualTo(1);
	}

	@Test
	void onlyAManagerOrAdminMayChangeThePipeline() {
		this.caller.actAs(new Caller("ann", "emea", Set.of("SALES")));
		putJson("/api/sales/pipeline", DEFAULT, 403);
	}
}
