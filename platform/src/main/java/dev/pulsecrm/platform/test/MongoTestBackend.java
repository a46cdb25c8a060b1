package dev.pulsecrm.platform.test;

import java.util.List;
import java.util.UUID;

import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * The one switch that picks the MongoDB every Spring test runs against, from the system property
 * {@code crm.test.mongo} (Maven: {@code -Dcrm.test.mongo=...}):
 * <ul>
 * <li>{@code embedded} (default): the in-process server of {@code EmbeddedMongoAutoConfiguration};</li>
 * <li>{@code testcontainers}: one shared {@code mongo:7} container; tests are skipped, saying why, when no Docker
 * engine answers;</li>
 * <li>a {@code mongodb://} URI: that server, with a fresh database per test context.</li>
 * </ul>
 * Registered in {@code META-INF/spring.factories}, so it applies to every Spring test without annotations.
 */
public class MongoTestBackend implements ContextCustomizerFactory {

	public static final String PROPERTY = "crm.test.mongo";

	private static volatile MongoDBContainer container;

	public static String selected() {
		return System.getProperty(PROPERTY, "embedded").trim();
	}

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		String backend = selected();
		if (backend.isEmpty() || backend.equals("embedded")) {
			return null;
		}
		String uri = backend.equals("testcontainers") ? containerUri() : backend;
		if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
			throw new IllegalArgumentException(
					PROPERTY + " must be embedded, testcontainers or a mongodb:// URI, not " + backend);
		}
		return new UriCustomizer(uri);
	}

	/** A running container's URI, or an aborted (skipped) test when there is no Docker engine. */
	public static String containerUri() {
		if (!dockerAvailable()) {
			String reason = "crm.test.mongo=testcontainers but no Docker engine answers here: "
					+ "skipping the Spring tests that need MongoDB (use embedded or a mongodb:// URI instead)";
			System.getLogger(MongoTestBackend.class.getName()).log(System.Logger.Level.WARNING, reason);
			throw new TestAbortedException(reason);
		}
		synchronized (MongoTestBackend.class) {
			if (container == null) {
				MongoDBContainer started = new MongoDBContainer("mongo:7.0");
				started.start();
				container = started;
			}
		}
		return container.getConnectionString();
	}

	public static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/** Points one test context at a fresh database on the given server; nothing embedded starts. */
	private record UriCustomizer(String uri) implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			String database = "crm_test_" + UUID.randomUUID().toString().substring(0, 8);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("crmTestMongo",
						java.util.Map.of("spring.mongodb.uri", this.uri, "spring.mongodb.database", database)));
		}
	}
}
