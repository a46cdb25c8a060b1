package dev.pulsecrm.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Configuration of each service's load-balancer child context ({@code @LoadBalancerClients(defaultConfiguration)}):
 * replaces the default discovery-client supplier with {@link HealthAwareInstanceListSupplier}. Deliberately not a
 * {@code @Configuration}, so component scanning does not put its bean into the main context.
 */
class HealthAwareLoadBalancing {

	@Bean
	ServiceInstanceListSupplier healthAwareInstanceListSupplier(Environment environment, ReplicaHealth health) {
		return new HealthAwareInstanceListSupplier(LoadBalancerClientFactory.getName(environment), health);
	}
}
