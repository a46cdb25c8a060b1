package dev.pulsecrm.support;

import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.platform.security.CallerProvider;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class SupportTestConfiguration {

	@Bean
	SwitchableCallerProvider switchableCallerProvider() {
		return new SwitchableCallerProvider();
	}

	/**
	 * Stands in for the JWT-backed provider: {@link Caller#SYSTEM} unless a test acts as someone, so object-level
	 * rules can be tested without a second Spring context.
	 */
	public static final class SwitchableCallerProvider implements CallerProvider {

		private volatile Caller caller = Caller.SYSTEM;

		@Override
		public Caller current() {
			return this.caller;
		}

		public void actAs(Caller caller) {
			this.caller = caller;
		}

		public void reset() {
			this.caller = Caller.SYSTEM;
		}
	}
}
