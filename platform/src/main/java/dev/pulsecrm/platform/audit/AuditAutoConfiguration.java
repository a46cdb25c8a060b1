package dev.pulsecrm.platform.audit;

import java.time.Clock;

import dev.pulsecrm.platform.security.CallerAutoConfiguration;
import dev.pulsecrm.platform.security.CallerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The audit log of every service with a database: on unless {@code crm.audit.enabled=false}. */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration" },
		after = CallerAutoConfiguration.class)
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBean(MongoTemplate.class)
@ConditionalOnProperty(name = "crm.audit.enabled", matchIfMissing = true)
public class AuditAutoConfiguration {

	@Bean
	AuditingMongoEventListener auditingMongoEventListener(MongoTemplate mongo, CallerProvider callers) {
		return new AuditingMongoEventListener(mongo, callers, Clock.systemUTC());
	}

	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import(AuditController.class)
	static class AuditWeb {

	}
}
