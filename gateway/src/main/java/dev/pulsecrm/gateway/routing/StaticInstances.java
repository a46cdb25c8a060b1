package dev.pulsecrm.gateway.routing;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import reactor.core.publisher.Flux;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * Where each service's replicas are, as comma-separated base URLs ({@code SALES_URL=http://a:8081,http://b:8081}).
 * Locally that is a static list; in Kubernetes a single URL, the service's ClusterIP Service, which spreads
 * connections itself. No discovery server either way.
 */
@ConfigurationProperties("crm.gateway")
public record StaticInstances(Map<String, String> instances) implements ReactiveDiscoveryClient {

	public StaticInstances {
		instances = instances == null ? Map.of() : Map.copyOf(instances);
	}

	@Override
	public String description() {
		return "Pulse CRM static service instances (crm.gateway.instances)";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.fromIterable(list(serviceId));
	}

	/** The configured replicas of a service, in configuration order; empty for an unknown service. */
	public List<ServiceInstance> list(String serviceId) {
		String urls = this.instances.get(serviceId);
		if (urls == null || urls.isBlank()) {
			return List.of();
		}
		List<String> list = Arrays.stream(urls.split(",")).map(String::trim).filter((url) -> !url.isEmpty()).toList();
		return IntStream.range(0, list.size()).mapToObj((index) -> {
			URI uri = URI.create(list.get(index));
			return (ServiceInstance) new DefaultServiceInstance(serviceId + "-" + index, serviceId, uri.getHost(),
					uri.getPort(), "https".equals(uri.getScheme()));
		}).toList();
	}

	@Override
	public Flux<String> getServices() {
		return Flux.fromIterable(this.instances.keySet());
	}
}
