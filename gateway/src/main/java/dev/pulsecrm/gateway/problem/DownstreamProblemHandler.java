package dev.pulsecrm.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Errors the gateway meets itself, as problem responses: a service that refuses connections is 503 at once (no
 * hanging request), one that does not answer in time is 504, one that drops the connection mid-exchange (killed,
 * or closing a kept-alive connection as it shuts down) is 502, anything else keeps its status.
 */
@Component
@Order(-2)
class DownstreamProblemHandler implements ErrorWebExceptionHandler {

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (causedBy(ex, ConnectException.class) || causedBy(ex, ConnectTimeoutException.class)) {
			return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
					"the service behind this route is unavailable; retry shortly");
		}
		if (causedBy(ex, IOException.class)) {
			// reset or closed by the service mid-exchange (connection refused was handled above)
			return ProblemResponses.write(exchange, HttpStatus.BAD_GATEWAY,
					"the service behind this route closed the connection before answering; retry shortly");
		}
		if (causedBy(ex, TimeoutException.class)) {
			return ProblemResponses.write(exchange, HttpStatus.GATEWAY_TIMEOUT,
					"the service behind this route did not answer in time");
		}
		if (ex instanceof ResponseStatusException status) {
			HttpStatusCode code = status.getStatusCode();
			HttpStatus known = HttpStatus.resolve(code.value());
			HttpStatus effective = known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR;
			String reason = status.getReason() != null ? status.getReason() : effective.getReasonPhrase();
			if (effective == HttpStatus.GATEWAY_TIMEOUT) {
				reason = "the service behind this route did not answer in time";
			}
			return ProblemResponses.write(exchange, effective, reason);
		}
		return ProblemResponses.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}
}
