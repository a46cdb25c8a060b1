package dev.pulsecrm.platform.mongo;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the application names no MongoDB of its own, so the embedded server should stand in. */
class OnNoMongoUriCondition extends SpringBootCondition {

	private static final String[] KEYS = { "spring.mongodb.uri", "spring.mongodb.host", "spring.data.mongodb.uri",
			"spring.data.mongodb.host" };

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment env = context.getEnvironment();
		for (String key : KEYS) {
			String value = env.getProperty(key);
			if (value != null && !value.isBlank()) {
				return ConditionOutcome.noMatch(key + " is set: using the configured MongoDB");
			}
		}
		if (!env.getProperty("crm.mongo.embedded.enabled", Boolean.class, true)) {
			return ConditionOutcome.noMatch("crm.mongo.embedded.enabled is false");
		}
		return ConditionOutcome.match("no MongoDB URI configured: starting the embedded server");
	}
}
