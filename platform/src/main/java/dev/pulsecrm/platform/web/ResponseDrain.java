package dev.pulsecrm.platform.web;

import java.time.Duration;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * A pause between the end of the web server's graceful shutdown and the server's stop, so responses whose handlers
 * have returned finish reaching their clients.
 *
 * <p>Why: Spring Boot's graceful shutdown for Tomcat waits until no servlet is running a request, but a handler that
 * has returned may still have the end of its body (and a chunked response's last chunk) in Tomcat's buffers; the
 * server's stop right after closes the connection and the client reads a cut-off body. Under load on two cores the
 * reliability suite saw a 300-line import answered after SIGTERM arrive truncated at item 279. Stopping phases run from
 * the highest down: graceful shutdown ({@link WebServerGracefulShutdownLifecycle#SMART_LIFECYCLE_PHASE}), then this,
 * then the web server's stop.
 */
public class ResponseDrain implements SmartLifecycle {

	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;

	private final ApplicationContext context;

	private final Duration pause;

	private volatile boolean running;

	public ResponseDrain(ApplicationContext context, Duration pause) {
		if (pause.isNegative()) {
			throw new IllegalArgumentException("crm.web.shutdown-drain must not be negative");
		}
		this.context = context;
		this.pause = pause;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (servesConnections()) {
			try {
				Thread.sleep(this.pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Only a running web server has responses to drain (a MockMvc test context has none). */
	boolean servesConnections() {
		return this.context instanceof WebServerApplicationContext web && web.getWebServer() != null
				&& web.getWebServer().getPort() > 0;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
