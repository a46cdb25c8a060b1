package dev.pulsecrm.platform.rollup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * KPI rollups for every service with a database and at least one {@link RollupSource}: maintained on every save, and
 * built from the records once the application has started, before it reports itself ready.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration" })
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBean({ MongoTemplate.class, RollupSource.class })
public class RollupAutoConfiguration {

	@Bean
	Rollups rollups(MongoTemplate mongo, ObjectProvider<RollupSource> sources) {
		return new Rollups(mongo, sources.orderedStream().toList());
	}

	@Bean
	RollupListener rollupListener(Rollups rollups, MongoTemplate mongo) {
		return new RollupListener(rollups, mongo);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> rollupBuilder(Rollups rollups) {
		return (event) -> rollups.ensureBuilt();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class DeferredImports {

		@Bean
		FilterRegistrationBean<DeferredImportFilter> deferredImportFilter(Rollups rollups) {
			FilterRegistrationBean<DeferredImportFilter> registration = new FilterRegistrationBean<>(
					new DeferredImportFilter(rollups));
			registration.setOrder(Ordered.LOWEST_PRECEDENCE);
			return registration;
		}
	}
}
