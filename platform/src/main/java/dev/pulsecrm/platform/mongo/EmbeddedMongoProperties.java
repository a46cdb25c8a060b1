package dev.pulsecrm.platform.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The in-process MongoDB-wire-protocol server used when no MongoDB URI is configured.
 *
 * @param enabled  start it when no {@code spring.mongodb.uri}/{@code host} is set
 * @param backend  {@code memory} (tests) or {@code h2} (local run: survives restarts)
 * @param file     the H2 file for the {@code h2} backend, e.g. {@code ./data/sales/mongo.mv}
 * @param port     0 for any free loopback port
 * @param database the database name; defaults to {@code spring.application.name}
 */
@ConfigurationProperties("crm.mongo.embedded")
public record EmbeddedMongoProperties(Boolean enabled, String backend, String file, Integer port, String database) {

	public EmbeddedMongoProperties {
		enabled = enabled == null || enabled;
		backend = backend == null ? "memory" : backend;
		port = port == null ? 0 : port;
	}
}
