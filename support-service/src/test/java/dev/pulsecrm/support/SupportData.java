package dev.pulsecrm.support;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Empties the service's collections between tests that share the context, keeping their indexes. */
public final class SupportData {

	private SupportData() {
	}

	public static void clear(MongoTemplate mongo) {
		for (String collection : new String[] { "tickets", "survey_responses", "sla_policies" }) {
			mongo.remove(new Query(), collection);
		}
	}
}
