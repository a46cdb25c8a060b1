package dev.pulsecrm.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routing to replicas: static instance lists, health-aware round robin ({@link ReplicaHealth}) and the retry of
 * requests that never reached a server ({@link ConnectFailureRetryFilter}), a circuit breaker per service
 * ({@link ServiceCircuitBreakerFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ StaticInstances.class, ReplicaHealthSettings.class, ServiceBreakerSettings.class })
@LoadBalancerClients(defaultConfiguration = HealthAwareLoadBalancing.class)
class RoutingConfiguration {

	@Bean
	ReplicaHealth replicaHealth(StaticInstances instances, ReplicaHealthSettings settings,
			ObjectProvider<MeterRegistry> meters) {
		return new ReplicaHealth(instances, settings, meters.getIfAvailable());
	}

	@Bean
	ConnectFailureRetryFilter connectFailureRetryFilter(ReplicaHealth health) {
		return new ConnectFailureRetryFilter(health);
	}

	@Bean
	CircuitBreakerRegistry serviceCircuitBreakers(ServiceBreakerSettings settings,
			ObjectProvider<MeterRegistry> meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(ServiceCircuitBreakerFilter.config(settings));
		meters.ifAvailable((registered) -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry)
			.bindTo(registered));
		return registry;
	}

	@Bean
	ServiceCircuitBreakerFilter serviceCircuitBreakerFilter(CircuitBreakerRegistry serviceCircuitBreakers,
			ServiceBreakerSettings settings) {
		return new ServiceCircuitBreakerFilter(serviceCircuitBreakers, settings);
	}
}
