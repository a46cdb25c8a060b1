package dev.pulsecrm.gateway.routing;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends a request that is not safe to repeat (POST, PUT, PATCH, DELETE) to another replica only when its failure
 * proves no server ever saw it: the connection was refused or timed out ({@link UpstreamFailures#neverReachedServer}).
 * Anything later (reset, closed before the answer, timeout waiting for it) may have been processed, so it is answered
 * as it is (502/504) and the client decides, with its {@code Idempotency-Key}. At most one extra attempt per other
 * replica; the failed one has just been ejected ({@link ReplicaHealth}), so the next choice is a live one. GET and HEAD
 * are left to the {@code Retry} default filter (application.yml), so retries never stack.
 * <p>
 * Runs just before {@link RouteToRequestUrlFilter}, so each attempt resolves {@code lb://service} and chooses again.
 */
class ConnectFailureRetryFilter implements GlobalFilter, Ordered {

	private static final Log log = LogFactory.getLog(ConnectFailureRetryFilter.class);

	/** Retried, on any I/O error or 5xx, by the Retry default filter. */
	private static final Set<HttpMethod> RETRIED_BY_DEFAULT_FILTER = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private final ReplicaHealth health;

	ConnectFailureRetryFilter(ReplicaHealth health) {
		this.health = health;
	}

	@Override
	public int getOrder() {
		return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !"lb".equals(route.getUri().getScheme())
				|| RETRIED_BY_DEFAULT_FILTER.contains(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		int others = this.health.replicaCount(route.getUri().getHost()) - 1;
		if (others < 1) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> chain.filter(exchange))
			.retryWhen(Retry.max(others)
				.filter(UpstreamFailures::neverReachedServer)
				.doBeforeRetry((signal) -> {
					if (log.isDebugEnabled()) {
						log.debug(exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()
								+ " never reached a server (" + signal.failure() + "); trying another replica");
					}
					ServerWebExchangeUtils.reset(exchange);
				})
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}
}
