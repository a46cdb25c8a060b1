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
	}

	@Test
	void anEventOfAConvertedLeadAddsItsSendOrBounceAndTheConversionAsTheAnchorOfItsPair() {
		Instant at = CREATED.plusSeconds(3600);
		Instant converted = CREATED.minusSeconds(60);
		Document bounce = new Document("_id", new ObjectId()).append("type", "BOUNCED")
			.append("campaignId", "c1")
			.append("leadId", "l1")
			.append("at", Date.from(at))
			.append("leadConvertedAt", Date.from(converted));

		List<Contribution> contributions = MarketingRollups.engagementContributions(bounce);

		assertThat(contributions).allSatisfy((c) -> assertThat(c.key()).isEqualTo("c1|l1"));
		assertThat(contributions).extracting(Contribution::family, Contribution::at, Contribution::values)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pair_BOUNCED", at, Map.of()),
					org.assertj.core.groups.Tuple.tuple(MarketingRollups.PAIR_SENT_OR_BOUNCED, at, Map.of()),
					org.assertj.core.groups.Tuple.tuple(MarketingRollups.CONVERTED_SENT_OR_BOUNCED, at, Map.of()),
					org.assertj.core.groups.Tuple.tuple(MarketingRollups.CONVERTED_SENT_OR_BOUNCED, converted,
							Map.of(Contribution.ANCHOR, 1L)),
					org.assertj.core.groups.Tuple.tuple(MarketingRollups.CONVERTED_BOUNCED, at, Map.of()),
					org.assertj.core.groups.Tuple.tuple(MarketingRollups.CONVERTED_BOUNCED, converted,
							Map.of(Contribution.ANCHOR, 1L)));
		// a send of a lead not converted: the pair is sent (and so sent or bounced), nothing anchored
		bounce.put("type", "SENT");
		bounce.remove("leadConvertedAt");
		assertThat(MarketingRollups.engagementContributions(bounce)).extracting(Contribution::family)
			.containsExactlyInAnyOrder("pair_SENT", MarketingRollups.PAIR_SENT_OR_BOUNCED);
		// an open of a converted lead is only an open
		bounce.put("type", "OPENED");
		bounce.put("leadConvertedAt", Date.from(converted));
		assertThat(MarketingRollups.engagementContributions(bounce)).extracting(Contribution::family)
			.containsExactly("pair_OPENED");
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

	private static Contribution only(List<Contribution> contributions, String family) {
		List<Contribution> matching = contributions.stream().filter((c) -> c.family().equals(family)).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}
}
