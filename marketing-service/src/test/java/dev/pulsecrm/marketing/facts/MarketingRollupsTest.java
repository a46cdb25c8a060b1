package dev.pulsecrm.marketing.facts;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.platform.rollup.Contribution;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What single stored records contribute: the cases the services never write but a stored document may hold. */
class MarketingRollupsTest {

	static final Instant CREATED = Instant.parse("2025-05-01T10:00:00Z");

	@Test
	void aLeadConvertedBeforeItsCreationCountsAtTheLaterInstantSinceTheEarlier() {
		ObjectId id = new ObjectId();
		Instant converted = CREATED.minusMillis(1);
		List<Contribution> contributions = MarketingRollups.leadContributions(new Document("_id", id)
			.append("createdAt", Date.from(CREATED))
			.append("convertedAt", Date.from(converted))
			.append("channel", "EMAIL"));

		Contribution joint = only(contributions, MarketingRollups.LEAD_NEW_CONVERTED);
		assertThat(joint.at()).isEqualTo(CREATED);
		assertThat(joint.since()).isEqualTo(converted);
		// a lead without campaign or targeting lands in the group "none", as in the facts reply
		assertThat(joint.dims()).containsEntry("channel", "EMAIL").containsEntry("campaign", "none")
			.containsEntry("region", "none");
		assertThat(only(contributions, MarketingRollups.LEAD_CONVERTED).key()).isEqualTo(id.toString());
	}

	@Test
	void aFirstContactWithoutStoredMillisCountsZeroMillis() {
		List<Contribution> contributions = MarketingRollups.leadContributions(new Document("_id", new ObjectId())
			.append("createdAt", Date.from(CREATED))
			.append("firstContactAt", Date.from(CREATED.plusSeconds(60))));

		assertThat(only(contributions, MarketingRollups.LEAD_FIRST_CONTACT).values())
			.isEqualTo(Map.of("n", 1L, "millis", 0L));
		assertThat(contributions).extracting(Contribution::family)
			.containsExactlyInAnyOrder(MarketingRollups.LEAD_NEW, MarketingRollups.LEAD_FIRST_CONTACT);
	}

	@Test
	void recordsWithoutTheirInstantOrWithAnUnknownTypeContributeNothing() {
		assertThat(MarketingRollups.leadContributions(new Document("_id", new ObjectId()))).isEmpty();
		assertThat(MarketingRollups.spendContributions(new Document("_id", new ObjectId()).append("cents", 5L)))
			.isEmpty();
		assertThat(MarketingRollups.engagementContributions(new Document("type", "SENT"))).isEmpty();
		assertThat(MarketingRollups.engagementContributions(
				new Document("type", "FORWARDED").append("at", Date.from(CREATED)))).isEmpty();
		assertThat(MarketingRollups.subscriptionContributions(new Document("type", "SUBSCRIBED"))).isEmpty();
	}

	@Test
	void aPairKeyGivesBackItsLead() {
		String key = MarketingRollups.pairKey("campaign-1", "6650c0ffee0000000000abcd");

		assertThat(MarketingRollups.leadOfPair(key)).isEqualTo("6650c0ffee0000000000abcd");
	}

	private static Contribution only(List<Contribution> contributions, String family) {
		List<Contribution> matching = contributions.stream().filter((c) -> c.family().equals(family)).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}
}
