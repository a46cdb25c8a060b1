package dev.pulsecrm.platform.mongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts {@code mongo-java-server} in-process and points the real MongoDB driver at it over loopback, when no
 * MongoDB URI is configured. The application code path (driver, Spring Data, aggregations) stays the one used
 * against a real MongoDB.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass({ MongoServer.class, MongoConnectionDetails.class })
@Conditional(OnNoMongoUriCondition.class)
@EnableConfigurationProperties(EmbeddedMongoProperties.class)
public class EmbeddedMongoAutoConfiguration {

	private static final Log log = LogFactory.getLog(EmbeddedMongoAutoConfiguration.class);

	@Bean(destroyMethod = "shutdown")
	MongoServer embeddedMongoServer(EmbeddedMongoProperties properties) throws IOException {
		MongoServer server = new MongoServer(backend(properties));
		server.bind("127.0.0.1", properties.port());
		log.info("Embedded MongoDB (" + properties.backend() + ") listening on " + server.getLocalAddress());
		return server;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer server, EmbeddedMongoProperties properties,
			Environment environment) {
		String database = properties.database() != null ? properties.database()
				: environment.getProperty("spring.mongodb.database",
						environment.getProperty("spring.application.name", "pulsecrm"));
		ConnectionString connection = new ConnectionString(
				"mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database);
		return () -> connection;
	}

	/** Boot's Mongo health check sends {@code hello}, which the embedded server does not know; {@code ping} it. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class EmbeddedMongoHealthConfiguration {

		@Bean
		HealthIndicator mongoHealthContributor(MongoClient client) {
			return () -> {
				try {
					client.getDatabase("admin").runCommand(new org.bson.Document("ping", 1));
					return Health.up().withDetail("server", "embedded").build();
				}
				catch (MongoException ex) {
					return Health.down(ex).build();
				}
			};
		}

	}

	/** The in-memory backend the services run on (for a store of one's own: benchmarks, engine tests). */
	public static MongoBackend memoryBackend() {
		return new IdLookupMemoryBackend();
	}

	private static MongoBackend backend(EmbeddedMongoProperties properties) throws IOException {
		return switch (properties.backend()) {
			case "memory" -> memoryBackend();
			case "h2" -> {
				if (properties.file() == null) {
					throw new IllegalStateException("crm.mongo.embedded.file must name the H2 file for the h2 backend");
				}
				Path file = Path.of(properties.file()).toAbsolutePath();
				Files.createDirectories(file.getParent());
				yield new DurableH2Backend(file.toString());
			}
			default -> throw new IllegalStateException(
					"crm.mongo.embedded.backend must be memory or h2, not " + properties.backend());
		};
	}
}
