package dev.pulsecrm.gateway.routing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The replicas the round-robin balancer of one service chooses from: {@link ReplicaHealth#available}, read afresh for
 * every choice (no cache, no background refresh), so an ejection made while handling one request already steers the
 * retry of that request. Spring Cloud LoadBalancer's own health-check supplier emits its list asynchronously and at
 * times had none yet ("Unable to find instance"); this one always answers at once, and never with an empty list.
 */
final class HealthAwareInstanceListSupplier implements ServiceInstanceListSupplier {

	private final String serviceId;

	private final ReplicaHealth health;

	HealthAwareInstanceListSupplier(String serviceId, ReplicaHealth health) {
		this.serviceId = serviceId;
		this.health = health;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.defer(() -> Flux.just(this.health.available(this.serviceId)));
	}
}
