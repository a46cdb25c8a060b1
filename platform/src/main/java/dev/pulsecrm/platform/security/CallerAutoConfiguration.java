package dev.pulsecrm.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Without an authenticated request context every call runs as {@link Caller#SYSTEM}. */
@AutoConfiguration(after = ServiceSecurityAutoConfiguration.class)
public class CallerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CallerProvider systemCallerProvider() {
		return () -> Caller.SYSTEM;
	}
}
