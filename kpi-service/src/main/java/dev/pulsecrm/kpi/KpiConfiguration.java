package dev.pulsecrm.kpi;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pulsecrm.kpi.catalog.KpiCatalog;
import dev.pulsecrm.kpi.catalog.KpiProperties;
import dev.pulsecrm.kpi.facts.CurrencyConverter;
import dev.pulsecrm.kpi.facts.CurrencyProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalogue, its currency conversion, the clock and the executor the facts fan-out runs on. */
@Configuration(proxyBeanMethods = false)
class KpiConfiguration {

	/** Tests replace it with a fixed clock (a {@code @Primary} bean) to pin the default period and the windows. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	CurrencyConverter currencyConverter(CurrencyProperties properties) {
		return new CurrencyConverter(properties);
	}

	@Bean
	KpiCatalog kpiCatalog(CurrencyConverter currencyConverter, KpiProperties properties) {
		return new KpiCatalog(currencyConverter, properties);
	}

	/** Bounded: a burst of series requests queues calls instead of opening unbounded connections to the sources. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService factsExecutor(KpiProperties properties) {
		AtomicInteger threads = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "kpi-facts-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		return Executors.newFixedThreadPool(properties.fanOutThreads(), factory);
	}
}
