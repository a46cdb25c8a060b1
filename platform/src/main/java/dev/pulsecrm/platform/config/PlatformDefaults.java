package dev.pulsecrm.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Settings every service shares (actuator exposure, graceful shutdown, the JWT and service-token environment
 * variables Helm and {@code ./crm} set), added with the lowest precedence so a service's own
 * {@code application.yml} and the environment override them. Keeps each service's configuration short.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "pulsecrm-platform-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource("pulsecrmPlatformDefaults", new ClassPathResource(RESOURCE)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
