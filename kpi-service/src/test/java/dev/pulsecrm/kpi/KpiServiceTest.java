package dev.pulsecrm.kpi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context every integration test shares (same properties, same imports, so the context cache hits):
 * the real service against fake facts servers over in-process gRPC (see KpiTestConfiguration), a fixed clock, and no background refresh (tests
 * call {@code KpiGauges.refreshAt} themselves).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "spring.grpc.server.enabled=false", "crm.kpi.refresh-initial-delay=1h",
		// these tests change the fake facts between requests for the same period: no facts cache (FactsFreshnessTest)
		"crm.kpi.facts-cache.ttl=0",
		"crm.grpc.resilience.deadline=2s", "crm.grpc.resilience.sliding-window-size=2",
		"crm.grpc.resilience.minimum-number-of-calls=2", "crm.grpc.resilience.open-state-wait=300ms",
		"crm.exchange-rates.EUR=1.10", "crm.kpi.metrics.max-groups=2",
		"management.prometheus.metrics.export.enabled=true", "management.defaults.metrics.export.enabled=true" })
@AutoConfigureMockMvc
@Import(KpiTestConfiguration.class)
public @interface KpiServiceTest {

}
