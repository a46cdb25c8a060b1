package dev.pulsecrm.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.pulsecrm.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 429 with {@code Retry-After} once a client spends its budget. Runs after authentication, so the budget
 * belongs to the verified token subject rather than to whatever a request claims. In-memory per replica: with N
 * replicas a client gets up to N times the budget, which bounds abuse without a shared store.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimitFilter implements WebFilter, Ordered {

	private final RateLimitSettings settings;

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	RateLimitFilter(RateLimitSettings settings) {
		this.settings = settings;
	}

	@Override
	public int getOrder() {
		return 0; // after Spring Security's filter chain (-100)
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.settings.enabled() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(Principal::getName)
			.defaultIfEmpty("ip:" + remoteAddress(exchange))
			.flatMap((client) -> {
				long now = System.nanoTime();
				long wait = bucket(client, now).tryTake(now);
				if (wait == 0) {
					return chain.filter(exchange);
				}
				long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
				exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
				return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
						"rate limit exceeded; retry after " + seconds + " s");
			});
	}

	private TokenBucket bucket(String client, long now) {
		if (this.buckets.size() >= this.settings.maxClients()) {
			// idle clients have full buckets: forgetting them changes nothing
			this.buckets.entrySet().removeIf((entry) -> entry.getValue().isFull(now));
		}
		return this.buckets.computeIfAbsent(client,
				(key) -> new TokenBucket(this.settings.burst(), this.settings.requestsPerSecond(), now));
	}

	private static String remoteAddress(ServerWebExchange exchange) {
		InetSocketAddress address = exchange.getRequest().getRemoteAddress();
		return (address == null || address.getAddress() == null) ? "unknown" : address.getAddress().getHostAddress();
	}
}
