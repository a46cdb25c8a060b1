package dev.pulsecrm.platform.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Deadlines and circuit breakers for service-to-service gRPC calls, with breaker state in Prometheus. */
@AutoConfiguration
@ConditionalOnClass(io.grpc.stub.AbstractStub.class)
@EnableConfigurationProperties(GrpcResilienceProperties.class)
public class GrpcResilienceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry grpcCircuitBreakerRegistry(GrpcResilienceProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(GuardedGrpcCalls.breakerConfig(properties));
		meterRegistry.ifAvailable((meters) -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry)
			.bindTo(meters));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	GuardedGrpcCalls guardedGrpcCalls(CircuitBreakerRegistry breakers, GrpcResilienceProperties properties) {
		return new GuardedGrpcCalls(breakers, properties);
	}
}
