package dev.pulsecrm.demo.importing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pulsecrm.demo.story.DemoStory;
import dev.pulsecrm.demo.story.DemoStoryGenerator;
import dev.pulsecrm.demo.story.FakeServerIds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines use exactly the field names of docs/import-format.md (and of the services' import line records). */
class ImportLinesTest {

	static final DemoStory STORY = DemoStoryGenerator.generate(42, Instant.parse("2026-11-23T10:15:30Z"));

	static final Map<String, Set<String>> FIELDS = Map.ofEntries(
			Map.entry("campaign", Set.of("type", "name", "channel", "budget", "startDate", "endDate", "region",
					"industry", "segment", "externalId", "createdAt")),
			Map.entry("spend", Set.of("type", "campaignId", "campaignExternalId", "amount", "date", "externalId")),
			Map.entry("lead", Set.of("type", "name", "email", "company", "companySize", "industry", "region",
					"segment", "role", "channel", "campaignId", "campaignExternalId", "ownerId", "externalId",
					"createdAt", "contactedAt", "qualifiedAt", "disqualifiedAt", "reason")),
			Map.entry("event", Set.of("type", "campaignId", "campaignExternalId", "leadId", "leadExternalId", "email",
					"event", "at", "externalId")),
			Map.entry("subscription", Set.of("type", "email", "action", "at", "externalId")),
			Map.entry("account", Set.of("type", "name", "industry", "region", "segment", "ownerId", "team",
					"externalId", "createdAt")),
			Map.entry("deal", Set.of("type", "accountId", "accountExternalId", "name", "ownerId", "team", "amount",
					"dealType", "stage", "expectedCloseDate", "campaignId", "sourceLeadId", "leadCreatedAt",
					"externalId", "createdAt", "stageHistory", "wonAt", "finalAmount", "lostAt", "lossReason")),
			Map.entry("stage", Set.of("type", "dealId", "dealExternalId", "stage", "at")),
			Map.entry("win", Set.of("type", "dealId", "dealExternalId", "at", "amount")),
			Map.entry("lose", Set.of("type", "dealId", "dealExternalId", "reason", "at")),
			Map.entry("churn", Set.of("type", "accountId", "accountExternalId", "reason", "at")),
			Map.entry("activity", Set.of("type", "activityType", "subject", "ownerId", "dealId", "dealExternalId",
					"accountId", "accountExternalId", "dueAt", "completedAt", "externalId", "createdAt")),
			Map.entry("ticket", Set.of("type", "accountId", "subject", "priority", "channel", "category",
					"assigneeId", "team", "externalId", "createdAt", "history")),
			Map.entry("survey", Set.of("type", "surveyType", "accountId", "score", "ticketId", "ticketExternalId",
					"comment", "heardFrom", "respondedAt", "externalId")));

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void everyLineUsesOnlyTheFieldsItsServiceReads() {
		List<ImportLine> all = new java.util.ArrayList<>(ImportLines.marketing(STORY));
		all.addAll(ImportLines.sales(STORY, new FakeServerIds()));
		all.addAll(ImportLines.support(STORY, new FakeServerIds()));

		for (ImportLine line : all) {
			assertThat(FIELDS).containsKey(line.type());
			assertThat(FIELDS.get(line.type())).as("fields of a %s line", line.type())
				.containsAll(line.fields().keySet());
		}
	}

	@Test
	void moneyIsAnAmountWithACurrencyAndInstantsAreIsoUtc() {
		JsonNode campaign = JSON.readTree(Ndjson.of(ImportLines.marketing(STORY)).lines().findFirst().orElseThrow());

		assertThat(campaign.get("type").asString()).isEqualTo("campaign");
		assertThat(campaign.get("budget").get("amount").isNumber()).isTrue();
		assertThat(campaign.get("budget").get("currency").asString()).isEqualTo("USD");
		assertThat(campaign.get("startDate").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
		assertThat(campaign.get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
	}

	@Test
	void aDealLineCarriesItsWholeHistoryStartingAtItsCreation() {
		JsonNode deal = ImportLines.sales(STORY, new FakeServerIds())
			.stream()
			.filter((line) -> line.type().equals("deal") && line.fields().containsKey("wonAt"))
			.map((line) -> JSON.readTree(Ndjson.of(List.of(line))))
			.findFirst()
			.orElseThrow();

		assertThat(deal.get("stageHistory").get(0).get("enteredAt").asString())
			.isEqualTo(deal.get("createdAt").asString());
		assertThat(deal.get("stageHistory").get(0).get("stage").asString()).isEqualTo("QUALIFICATION");
		assertThat(deal.has("accountExternalId") || deal.has("accountId")).isTrue();
	}

	@Test
	void aTicketsRepliesSayWhetherTheyArePublic() {
		JsonNode ticket = JSON.readTree(Ndjson.of(ImportLines.support(STORY, new FakeServerIds()).subList(0, 1)));

		JsonNode reply = ticket.get("history").get(0);
		assertThat(reply.get("action").asString()).isEqualTo("REPLY");
		assertThat(reply.get("public").isBoolean()).isTrue();
		assertThat(reply.get("agentId").asString()).startsWith("agent-");
	}
}
