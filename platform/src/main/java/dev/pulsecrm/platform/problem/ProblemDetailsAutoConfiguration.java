package dev.pulsecrm.platform.problem;

import dev.pulsecrm.platform.web.QueryOperatorFilter;
import dev.pulsecrm.platform.web.RequestSizeLimitFilter;
import dev.pulsecrm.platform.web.ResponseDrain;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Problem responses for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
public class ProblemDetailsAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
			@Value("${crm.web.max-body-size:1MB}") DataSize maxBody,
			@Value("${crm.web.max-import-size:64MB}") DataSize maxImport) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(maxBody.toBytes(), maxImport.toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<QueryOperatorFilter> queryOperatorFilter() {
		FilterRegistrationBean<QueryOperatorFilter> registration = new FilterRegistrationBean<>(
				new QueryOperatorFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** See {@link ResponseDrain}: only with graceful shutdown, which the platform defaults turn on. */
	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "server.shutdown",
			havingValue = "graceful")
	ResponseDrain responseDrain(org.springframework.context.ApplicationContext context,
			@Value("${crm.web.shutdown-drain:1s}") java.time.Duration pause) {
		return new ResponseDrain(context, pause);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.dao.DataAccessException")
	@Import(DataAccessProblemAdvice.class)
	static class DataAccessProblems {

	}
}
