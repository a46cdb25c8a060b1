package dev.pulsecrm.marketing;

import org.springframework.boot.grpc.client.autoconfigure.GrpcChannelFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.InProcessGrpcChannelFactory;

@TestConfiguration(proxyBeanMethods = false)
public class MarketingTestConfiguration {

	@Bean
	FakeSalesCommands fakeSalesCommands() {
		return new FakeSalesCommands();
	}

	/** Primary: the platform's JWT caller provider is also a bean; tests choose the caller directly. */
	@Bean
	@Primary
	TestCallers testCallers() {
		return new TestCallers();
	}

	/**
	 * Boot 4.1.2 gives the in-process channel factory no named targets, so {@code createChannel("sales")} with
	 * {@code spring.grpc.client.channel.sales.target=in-process:...} finds no factory. Resolve the names from the
	 * same properties the Netty factory reads.
	 */
	@Bean
	GrpcChannelFactoryCustomizer inProcessNamedChannels(Environment environment) {
		return (factory) -> {
			if (factory instanceof InProcessGrpcChannelFactory inProcess) {
				inProcess.setVirtualTargets(
						(name) -> environment.getProperty("spring.grpc.client.channel." + name + ".target", name));
			}
		};
	}
}
