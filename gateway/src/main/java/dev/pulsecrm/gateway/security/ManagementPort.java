package dev.pulsecrm.gateway.security;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** The port the management server really listens on (known once it started; 0 in configuration means "any"). */
@Component
class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

	private final AtomicInteger port = new AtomicInteger(-1);

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			this.port.set(event.getWebServer().getPort());
		}
	}

	boolean is(int localPort) {
		return localPort == this.port.get();
	}
}
