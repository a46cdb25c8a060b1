package dev.pulsecrm.support.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * What a stored survey response adds to the support rollups: one {@value #SURVEYS} contribution at
 * {@code respondedAt}, split by the dimensions copied from its ticket ({@code linkedTicket}; a response without a
 * ticket has none), with {@value #COUNT} = 1, {@code score:<type>:<score>} = 1 (the reader buckets scores with
 * {@link GroupTotals#addScores}, so the NPS/CSAT buckets stay defined in one place) and, when the response answers
 * "how did you hear about us", {@code heard:<channel>} = 1.
 */
@Component
class SurveyRollupSource implements RollupSource {

	static final String SURVEYS = "surveys";

	static final String COUNT = "n";

	static final String SCORE = "score:";

	static final String HEARD_FROM = "heard:";

	@Override
	public String collection() {
		return "survey_responses";
	}

	@Override
	public String version() {
		return "support-surveys-1";
	}

	@Override
	public List<Contribution> contributions(Document response) {
		Instant respondedAt = TicketRollupSource.instant(response.get("respondedAt"));
		if (respondedAt == null) {
			return List.of();
		}
		Object linked = response.get("linkedTicket");
		Map<String, String> dims = FactsDimension.rollupDims((linked instanceof Document ticket) ? ticket : null);
		Map<String, Long> values = new TreeMap<>();
		values.put(COUNT, 1L);
		Object type = response.get("type");
		if (type != null && response.get("score") instanceof Number score) {
			values.put(SCORE + type + ":" + score.intValue(), 1L);
		}
		Object heardFrom = response.get("heardFrom");
		if (heardFrom != null) {
			values.put(HEARD_FROM + heardFrom, 1L);
		}
		return List.of(Contribution.of(SURVEYS, respondedAt, dims, values));
	}
}
