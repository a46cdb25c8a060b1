package dev.pulsecrm.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.pulsecrm.bench.DataGenerator.Domain;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DataGeneratorTest {

	static final Instant ANCHOR = Instant.parse("2026-11-23T12:00:30Z");

	final DataGenerator generator = new DataGenerator(ANCHOR, 42);

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aRecordIsTheSameWhicheverBatchItIsGeneratedIn() {
		for (Domain domain : Domain.values()) {
			String whole = this.generator.ndjson(domain, 0, 200);
			String parts = this.generator.ndjson(domain, 0, 70) + this.generator.ndjson(domain, 70, 200);
			assertThat(parts).isEqualTo(whole);
			assertThat(whole.lines()).hasSize(200);
			assertThat(new DataGenerator(ANCHOR, 42).ndjson(domain, 150, 160))
				.isEqualTo(this.generator.ndjson(domain, 150, 160));
		}
	}

	@Test
	void salesHasAnAccountPerBlockOfTenBeforeItsDeals() {
		assertThat(this.generator.record(Domain.SALES, 30)).containsEntry("type", "account")
			.containsEntry("externalId", "acc-3");
		Map<String, Object> deal = this.generator.record(Domain.SALES, 31);
		assertThat(deal).containsEntry("type", "deal").containsEntry("accountExternalId", "acc-3");
		JsonNode line = this.json.readTree(this.generator.ndjson(Domain.SALES, 31, 32));
		assertThat(line.get("stageHistory").get(0).get("enteredAt").asString())
			.isEqualTo(line.get("createdAt").asString());
		assertThat(line.get("stageHistory").get(0).get("stage").asString()).isEqualTo(line.get("stage").asString());
	}

	@Test
	void marketingStartsWithItsCampaignsThenSpendLeadsAndEventsOfThoseLeads() {
		assertThat(this.generator.record(Domain.MARKETING, 0)).containsEntry("type", "campaign");
		assertThat(this.generator.record(Domain.MARKETING, 50)).containsEntry("type", "spend");
		assertThat(this.generator.record(Domain.MARKETING, 51)).containsEntry("type", "lead")
			.containsEntry("externalId", "lead-0");
		assertThat(this.generator.record(Domain.MARKETING, 61)).containsEntry("type", "event")
			.containsEntry("leadExternalId", "lead-0");
	}

	@Test
	void supportHasFourTicketsPerSurvey() {
		long surveys = this.generator.ndjson(Domain.SUPPORT, 0, 1000).lines().filter((l) -> l.contains("\"survey\"")).count();
		assertThat(surveys).isEqualTo(200);
	}

	@Test
	void everyInstantIsInThePastAndTheHistorySpreadsOverThreeYears() {
		Instant oldest = ANCHOR;
		int inLast90Days = 0;
		int deals = 0;
		for (Domain domain : Domain.values()) {
			for (String line : this.generator.ndjson(domain, 0, 2000).lines().toList()) {
				for (String instant : line.split("\"")) {
					if (instant.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
						Instant at = Instant.parse(instant);
						assertThat(at).isBefore(ANCHOR);
						oldest = at.isBefore(oldest) ? at : oldest;
					}
				}
				if (domain == Domain.SALES && line.contains("\"deal\"")) {
					deals++;
					Instant created = Instant.parse(this.json.readTree(line).get("createdAt").asString());
					if (created.isAfter(ANCHOR.minus(Duration.ofDays(90)))) {
						inLast90Days++;
					}
				}
			}
		}
		assertThat(oldest).isBefore(ANCHOR.minus(Duration.ofDays(3 * 365 - 10)));
		// 90 of 1095 days: about 8%
		assertThat(inLast90Days / (double) deals).isBetween(0.05, 0.12);
	}
}
