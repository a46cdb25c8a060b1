package dev.pulsecrm.sales;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Accounts, pipeline, deals, activities and forecast; the source of every sales fact. */
@SpringBootApplication
public class SalesApplication {

	public static void main(String[] args) {
		SpringApplication.run(SalesApplication.class, args);
	}

	/** The one clock every "now" comes from, so future instants are refused consistently. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
