package dev.pulsecrm.kpi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns the domain services' facts into the KPI catalogue, served over REST and to Prometheus. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KpiApplication {

	public static void main(String[] args) {
		SpringApplication.run(KpiApplication.class, args);
	}
}
