package dev.pulsecrm.gateway.routing;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import dev.pulsecrm.gateway.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * A Resilience4j circuit breaker per service ({@code lb://} route host) around everything the gateway does to reach
 * it, retries included: a request counts once, as failed when the service could not be reached or did not answer
 * (connection refused/reset, timeout, no instance) or answered 502, 503 or 504; any other answer, 4xx and 500
 * included, shows the service is up. While the breaker is open the gateway answers 503 problems with
 * {@code Retry-After} itself, without connecting, so a dead or drowning service gets no traffic and clients no waits;
 * after {@link ServiceBreakerSettings#openWait()} a few requests probe it. State and outcomes are in Prometheus
 * ({@code resilience4j_circuitbreaker_state{name="sales-service"}} and friends).
 * <p>
 * Runs first among the route's filters, outside the {@code Retry} default filter and
 * {@link ConnectFailureRetryFilter}, so a request that a retry saved counts as a success.
 */
public class ServiceCircuitBreakerFilter implements GlobalFilter, Ordered {

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Set<Integer> UNAVAILABLE_STATUSES = Set.of(502, 503, 504);

	private final CircuitBreakerRegistry breakers;

	private final long retryAfterSeconds;

	public ServiceCircuitBreakerFilter(CircuitBreakerRegistry breakers, ServiceBreakerSettings settings) {
		this.breakers = breakers;
		this.retryAfterSeconds = Math.max(1, (settings.openWait().toMillis() + 999) / 1000);
	}

	public static CircuitBreakerConfig config(ServiceBreakerSettings settings) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.window())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRate())
			.waitDurationInOpenState(settings.openWait())
			.permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordException(ServiceCircuitBreakerFilter::isUnavailable)
			.build();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !"lb".equals(route.getUri().getScheme())) {
			return chain.filter(exchange);
		}
		String service = route.getUri().getHost();
		CircuitBreaker breaker = this.breakers.circuitBreaker(service);
		if (!breaker.tryAcquirePermission()) {
			exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(this.retryAfterSeconds));
			return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
					"the service behind this route is unavailable (circuit breaker open); retry shortly");
		}
		long start = breaker.getCurrentTimestamp();
		return chain.filter(exchange).doFinally((signal) -> {
			long took = breaker.getCurrentTimestamp() - start;
			if (signal == SignalType.CANCEL) {
				breaker.releasePermission();
			}
			else if (signal == SignalType.ON_COMPLETE) {
				HttpStatusCode status = exchange.getResponse().getStatusCode();
				if (status != null && UNAVAILABLE_STATUSES.contains(status.value())) {
					breaker.onError(took, breaker.getTimestampUnit(), new UnavailableAnswer(service, status.value()));
				}
				else {
					breaker.onSuccess(took, breaker.getTimestampUnit());
				}
			}
		}).doOnError((ex) -> {
			if (isUnavailable(ex)) {
				breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), ex);
			}
			else {
				breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
			}
		});
	}

	/** Not reached or no answer: connection failures, timeouts, and the 5xx the gateway maps them to. */
	static boolean isUnavailable(Throwable ex) {
		if (ex instanceof UnavailableAnswer) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException || cause instanceof TimeoutException
					|| cause instanceof io.netty.channel.ConnectTimeoutException) {
				return true;
			}
			if (cause instanceof ResponseStatusException status
					&& UNAVAILABLE_STATUSES.contains(status.getStatusCode().value())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/** A 502/503/504 answer, recorded as the failure it stands for. */
	static final class UnavailableAnswer extends RuntimeException {

		UnavailableAnswer(String service, int status) {
			super(service + " answered " + status, null, false, false);
		}

	}

}
