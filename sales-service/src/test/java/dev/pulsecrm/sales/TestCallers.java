package dev.pulsecrm.sales;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces the platform's SYSTEM-only caller with one a test can switch. */
@TestConfiguration(proxyBeanMethods = false)
class TestCallers {

	@Bean
	SalesServiceTest.SwitchableCaller switchableCaller() {
		return new SalesServiceTest.SwitchableCaller();
	}
}
