package dev.pulsecrm.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Loads the demo data set through the public API: {@code java -jar demo.jar [--seed=42]} with {@code CRM_TOKEN} (an
 * ADMIN token) and optionally {@code CRM_GATEWAY_URL}. Exits non-zero when anything was refused.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(DemoApplication.class, args)));
	}
}
