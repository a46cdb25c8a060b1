package dev.pulsecrm.platform.idempotency;

import java.time.Clock;
import java.time.Duration;

import dev.pulsecrm.platform.security.CallerAutoConfiguration;
import dev.pulsecrm.platform.security.CallerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Idempotency keys for the services with a database, after authentication (keys are per caller). */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		after = CallerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBean(MongoTemplate.class)
public class IdempotencyAutoConfiguration {

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(MongoTemplate mongo, CallerProvider callers,
			Environment environment) {
		Duration runningTimeout = environment.getProperty("crm.idempotency.running-timeout", Duration.class,
				IdempotencyFilter.DEFAULT_RUNNING_TIMEOUT);
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(mongo, callers, Clock.systemUTC(), runningTimeout));
		// after Spring Security's filter chain (order -100), so the caller is known
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}
}
