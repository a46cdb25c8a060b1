package dev.pulsecrm.marketing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context every integration test of this module shares (same annotation, same context cache key):
 * embedded MongoDB, MockMvc, the gRPC server in-process, the {@code sales} channel pointed at {@link FakeSalesCommands}
 * on that server, a short sales deadline, and a breaker that never opens so tests do not leak into each other.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "spring.grpc.server.inprocess.name=marketing-test", "spring.grpc.server.port=0",
		"spring.grpc.client.channel.sales.target=in-process:marketing-test",
		"spring.grpc.client.channel.self.target=in-process:marketing-test",
		"crm.grpc.resilience.deadlines.sales=500ms", "crm.grpc.resilience.minimum-number-of-calls=1000",
		"crm.grpc.resilience.sliding-window-size=1000", "spring.grpc.server.health.enabled=false" })
@AutoConfigureMockMvc
@Import(MarketingTestConfiguration.class)
public @interface MarketingServiceTest {

}
