package dev.pulsecrm.gateway.routing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.context.SmartLifecycle;

/**
 * Which replicas of each service are in rotation. Ejection is passive: the load balancer reports every failed
 * exchange ({@link LoadBalancerLifecycle#onComplete}), and a replica that refused, reset or timed out a connection
 * ({@link UpstreamFailures#replicaBroken}) leaves rotation at once, so the next choice (and the retry of the failed
 * request) goes to a live one. Re-admission is active: every {@code probe-interval} the replicas out for at least
 * {@code ejection-time} get a {@link ReadinessProbe}, and come back as soon as it passes. Replicas in rotation are not
 * probed: real traffic finds a dead one faster than a probe would, and a busy one that answers a probe slowly is not
 * dead.
 * <p>
 * Two rules keep this from making things worse: a service with a single instance (in Kubernetes, its Service, which
 * spreads connections over the ready pods itself) is never ejected, and when every replica is out the full list is
 * returned (fail open), so requests still reach a real replica and get a real answer, a 503 problem when all are down,
 * instead of "no instance available".
 */
public class ReplicaHealth implements LoadBalancerLifecycle<Object, Object, ServiceInstance>, SmartLifecycle {

	private static final Log log = LogFactory.getLog(ReplicaHealth.class);

	private final Map<String, List<ServiceInstance>> replicas = new LinkedHashMap<>();

	/** Ejected replicas ({@link #key}) and since when. */
	private final Map<String, Instant> ejected = new ConcurrentHashMap<>();

	private final ReplicaHealthSettings settings;

	private final ReadinessProbe probe;

	private final Map<String, Counter> ejections = new ConcurrentHashMap<>();

	private volatile Disposable probing;

	public ReplicaHealth(StaticInstances instances, ReplicaHealthSettings settings, MeterRegistry meters) {
		this.settings = settings;
		this.probe = new ReadinessProbe(settings.probePath(), settings.probeTimeout());
		for (String serviceId : instances.instances().keySet()) {
			this.replicas.put(serviceId, instances.list(serviceId));
		}
		if (meters != null) {
			this.replicas.keySet().forEach((serviceId) -> register(meters, serviceId));
		}
	}

	private void register(MeterRegistry meters, String serviceId) {
		Gauge.builder("crm.gateway.replicas.in.rotation", () -> inRotationCount(serviceId))
			.description("Replicas of the service not ejected (0 when all are out and the gateway fails open)")
			.tag("service", serviceId)
			.register(meters);
		this.ejections.put(serviceId, Counter.builder("crm.gateway.replica.ejections")
			.description("Replicas taken out of rotation after a refused, reset or timed-out connection")
			.tag("service", serviceId)
			.register(meters));
	}

	/** The replicas to balance over now: those in rotation, or all of them when none is (fail open). */
	public List<ServiceInstance> available(String serviceId) {
		List<ServiceInstance> all = this.replicas.getOrDefault(serviceId, List.of());
		if (all.size() < 2 || this.ejected.isEmpty()) {
			return all;
		}
		List<ServiceInstance> live = all.stream().filter((instance) -> !this.ejected.containsKey(key(instance))).toList();
		return live.isEmpty() ? all : live;
	}

	/** How many replicas the service has, in rotation or not. */
	public int replicaCount(String serviceId) {
		return this.replicas.getOrDefault(serviceId, List.of()).size();
	}

	/** Whether the replica of {@code serviceId} at {@code host:port} is in rotation. */
	public boolean inRotation(String serviceId, String host, int port) {
		return !this.ejected.containsKey(serviceId + " " + host + ":" + port);
	}

	private long inRotationCount(String serviceId) {
		return this.replicas.getOrDefault(serviceId, List.of())
			.stream()
			.filter((instance) -> !this.ejected.containsKey(key(instance)))
			.count();
	}

	/** Takes the replica out of rotation if the failure shows it is dead; never the only replica of a service. */
	void failed(ServiceInstance instance, Throwable failure) {
		if (instance == null || replicaCount(instance.getServiceId()) < 2 || !UpstreamFailures.replicaBroken(failure)) {
			return;
		}
		if (this.ejected.putIfAbsent(key(instance), Instant.now()) == null) {
			log.warn("Replica " + instance.getUri() + " of " + instance.getServiceId()
					+ " is out of rotation until its readiness probe passes: " + failure);
			Counter counter = this.ejections.get(instance.getServiceId());
			if (counter != null) {
				counter.increment();
			}
		}
	}

	/** Probes the replicas that have been out long enough, and re-admits those that are ready. */
	Mono<Void> probeEjected() {
		Instant due = Instant.now().minus(this.settings.ejectionTime());
		return Flux.fromIterable(this.replicas.values())
			.flatMapIterable((instances) -> instances)
			.filter((instance) -> {
				Instant since = this.ejected.get(key(instance));
				return since != null && !since.isAfter(due);
			})
			.flatMap((instance) -> this.probe.ready(instance.getUri())
				.filter(Boolean::booleanValue)
				.doOnNext((ready) -> readmit(instance)))
			.then();
	}

	private void readmit(ServiceInstance instance) {
		if (this.ejected.remove(key(instance)) != null) {
			log.info("Replica " + instance.getUri() + " of " + instance.getServiceId()
					+ " passed its readiness probe and is back in rotation");
		}
	}

	private static String key(ServiceInstance instance) {
		return instance.getServiceId() + " " + instance.getHost() + ":" + instance.getPort();
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
		if (completionContext.status() == CompletionContext.Status.FAILED
				&& completionContext.getLoadBalancerResponse() != null
				&& completionContext.getLoadBalancerResponse().hasServer()) {
			failed(completionContext.getLoadBalancerResponse().getServer(), completionContext.getThrowable());
		}
	}

	@Override
	public void start() {
		this.probing = Flux.interval(this.settings.probeInterval(), this.settings.probeInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> probeEjected().onErrorResume((ex) -> {
				log.warn("Replica probe round failed", ex);
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.probing;
		if (running != null) {
			running.dispose();
		}
		this.probing = null;
	}

	@Override
	public boolean isRunning() {
		return this.probing != null;
	}
}
