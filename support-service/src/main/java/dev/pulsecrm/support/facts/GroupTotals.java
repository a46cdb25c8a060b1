package dev.pulsecrm.support.facts;

import java.util.Map;
import java.util.TreeMap;

import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;

/** The facts of one group while the rollup reads (or, in the tests, the scan oracle) fill them in. */
final class GroupTotals {

	long npsPromoters;

	long npsPassives;

	long npsDetractors;

	long csatSatisfied;

	long csatResponses;

	long firstResponseMillis;

	long firstResponseCount;

	long resolutionMillis;

	long resolutionCount;

	long resolvedWithinSla;

	long ticketsOpened;

	long createdBeforeTo;

	long resolvedAtTo;

	final Map<String, Long> heardFrom = new TreeMap<>();

	/** Buckets survey scores as KPIS.md defines them: NPS 9–10 / 7–8 / 0–6, CSAT satisfied at 4–5. */
	void addScores(String type, int score, long responses) {
		if ("NPS".equals(type)) {
			if (score >= 9) {
				this.npsPromoters += responses;
			}
			else if (score >= 7) {
				this.npsPassives += responses;
			}
			else {
				this.npsDetractors += responses;
			}
		}
		else if ("CSAT".equals(type)) {
			this.csatResponses += responses;
			if (score >= 4) {
				this.csatSatisfied += responses;
			}
		}
	}

	SupportGroupFacts toProto(Map<String, String> group) {
		return SupportGroupFacts.newBuilder()
			.putAllGroup(group)
			.setNpsPromoters(this.npsPromoters)
			.setNpsPassives(this.npsPassives)
			.setNpsDetractors(this.npsDetractors)
			.setCsatSatisfied(this.csatSatisfied)
			.setCsatResponses(this.csatResponses)
			.setFirstResponse(stats(this.firstResponseMillis, this.firstResponseCount))
			.setResolution(stats(this.resolutionMillis, this.resolutionCount))
			.setResolvedWithinSla(this.resolvedWithinSla)
			.setTicketsOpened(this.ticketsOpened)
			// open at `to` = created before `to` minus those whose resolve/reopen balance before `to` is "resolved"
			.setBacklogAtTo(this.createdBeforeTo - this.resolvedAtTo)
			.putAllHeardFrom(this.heardFrom)
			.build();
	}

	private static DurationStats stats(long totalMillis, long count) {
		return DurationStats.newBuilder().setTotalMillis(totalMillis).setCount(count).build();
	}
}
