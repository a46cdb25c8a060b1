package dev.pulsecrm.gateway.problem;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses oversized request bodies with 413 before they reach a service: JSON bodies are small; bulk imports get a
 * larger allowance. Bodies without a length are bounded again by the services themselves.
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

	private final long maxBody;

	private final long maxImport;

	RequestSizeFilter(@Value("${crm.gateway.max-body-size:1MB}") DataSize maxBody,
			@Value("${crm.gateway.max-import-size:64MB}") DataSize maxImport) {
		this.maxBody = maxBody.toBytes();
		this.maxImport = maxImport.toBytes();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		long limit = exchange.getRequest().getPath().value().endsWith("/import") ? this.maxImport : this.maxBody;
		if (length > limit) {
			return ProblemResponses.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
					"request body of " + length + " bytes exceeds the limit of " + limit + " bytes");
		}
		return chain.filter(exchange);
	}
}
