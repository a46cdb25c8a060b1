package dev.pulsecrm.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;

import reactor.netty.http.client.PrematureCloseException;

/**
 * What a failed call to a replica proves. A {@link ConnectException} (refused, which Netty reports as its
 * {@code AnnotatedConnectException}, or Netty's {@code ConnectTimeoutException}, both subclasses) or a
 * {@link NoRouteToHostException} happens before the connection exists, so not one byte of the request reached a server: safe to send anywhere else, whatever the
 * method. Any other I/O error (reset, broken pipe) means the replica broke mid-exchange, which a live one does not do,
 * so it leaves rotation too; but the request may have been processed. A clean close before the response
 * ({@link PrematureCloseException}) is not held against the replica: a live server does that to an idle kept-alive
 * connection at the moment it is reused, and a dead one is caught by the next connect anyway.
 */
final class UpstreamFailures {

	private UpstreamFailures() {
	}

	/** The request never reached a server: it may be sent to another replica even when it is not idempotent. */
	static boolean neverReachedServer(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	/** The replica is dead or dying: take it out of rotation until its readiness probe passes. */
	static boolean replicaBroken(Throwable failure) {
		if (neverReachedServer(failure)) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return !(cause instanceof PrematureCloseException);
			}
		}
		return false;
	}
}
