package dev.pulsecrm.support;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Empties the service's collections between tests that share the context, keeping their indexes. The KPI rollups
 * are emptied with them: removing every record at once bypasses the rollups' delete listener, and no records means
 * empty rollups (their build state is kept, so the facts stay available).
 */
public final class SupportData {

	private SupportData() {
	}

	public static void clear(MongoTemplate mongo) {
		for (String collection : new String[] { "tickets", "survey_responses", "sla_policies", "rollup_sums",
				"rollup_entries", "rollup_ledger" }) {
			mongo.remove(new Query(), collection);
		}
	}
}
