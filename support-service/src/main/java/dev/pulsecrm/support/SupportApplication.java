package dev.pulsecrm.support;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Tickets with SLA policies and survey responses; the source of every support fact. */
@SpringBootApplication
public class SupportApplication {

	public static void main(String[] args) {
		SpringApplication.run(SupportApplication.class, args);
	}

	/** The server clock for default event instants and SLA breach checks; one bean so tests can reason about it. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
