package dev.pulsecrm.platform.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Deadlines, bulkheads, circuit breakers and idempotent-call retries for service-to-service gRPC calls, with their
 * state and outcomes in Prometheus.
 */
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
	BulkheadRegistry grpcBulkheadRegistry(GrpcResilienceProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		BulkheadRegistry registry = BulkheadRegistry.of(GuardedGrpcCalls.bulkheadConfig(properties));
		meterRegistry.ifAvailable((meters) -> TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	RetryRegistry grpcRetryRegistry(GrpcResilienceProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
		RetryRegistry registry = RetryRegistry.of(GuardedGrpcCalls.retryConfig(properties));
		meterRegistry.ifAvailable((meters) -> TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	GuardedGrpcCalls guardedGrpcCalls(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads,
			RetryRegistry retries, GrpcResilienceProperties properties) {
		return new GuardedGrpcCalls(breakers, bulkheads, retries, properties);
	}
}
