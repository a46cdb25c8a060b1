package dev.pulsecrm.systemtests.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * One MongoDB-wire-protocol store per domain service, outside the service processes, so every replica of a service
 * shares one database and the store outlives any replica (as a real MongoDB does). It runs in the test JVM
 * ({@code mongo-java-server}, memory backend), listening on a free loopback port.
 */
final class SharedStores implements AutoCloseable {

	private final Map<String, MongoServer> servers = new LinkedHashMap<>();

	private SharedStores() {
	}

	/** A store for each of {@code services} (e.g. {@code sales-service}). */
	static SharedStores start(List<String> services) {
		// the server logs every connection at INFO (thousands of lines under load) and every index it cannot build
		if (org.slf4j.LoggerFactory.getLogger("de.bwaldvogel") instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
		SharedStores stores = new SharedStores();
		for (String service : services) {
			MongoServer server = new MongoServer(new HelloMemoryBackend());
			server.bind("127.0.0.1", 0);
			stores.servers.put(service, server);
		}
		return stores;
	}

	/** What the service's replicas get as {@code SPRING_MONGODB_URI}: the database named after the domain. */
	String uri(String service) {
		int port = this.servers.get(service).getLocalAddress().getPort();
		return "mongodb://127.0.0.1:" + port + "/" + service.replace("-service", "");
	}

	/**
	 * Answers {@code hello} as {@code isMaster}: Spring Boot's MongoDB health check sends {@code hello}, which the server
	 * does not know (the services' own embedded mode checks with {@code ping} instead), so health would be DOWN and every
	 * check logged as an error.
	 */
	static final class HelloMemoryBackend extends MemoryBackend {

		@Override
		public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
				String command, de.bwaldvogel.mongo.bson.Document query) {
			return super.handleCommand(channel, database, "hello".equalsIgnoreCase(command) ? "isMaster" : command,
					query);
		}

	}

	@Override
	public void close() {
		this.servers.values().forEach(MongoServer::shutdownNow);
	}
}
