package dev.pulsecrm.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** Stands in for the four services behind the gateway: answers every request with 200 and what it received. */
final class EchoBackend {

	static final HttpServer SERVER = start();

	private EchoBackend() {
	}

	static String url() {
		return "http://127.0.0.1:" + SERVER.getAddress().getPort();
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				String auth = exchange.getRequestHeaders().getFirst("Authorization");
				byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\""
						+ exchange.getRequestURI().getPath() + "\",\"authorization\":" + (auth != null) + "}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
