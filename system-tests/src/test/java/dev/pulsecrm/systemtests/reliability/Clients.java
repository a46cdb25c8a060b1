package dev.pulsecrm.systemtests.reliability;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.pulsecrm.client.ApiProblemException;
import dev.pulsecrm.client.kpi.KpiClient;
import dev.pulsecrm.client.marketing.MarketingClient;
import dev.pulsecrm.client.sales.SalesClient;
import dev.pulsecrm.client.support.SupportClient;
import feign.Client;
import feign.FeignException;
import feign.Retryer;
import feign.RetryableException;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The typed OpenFeign clients of the public API (the {@code api-client} module) for one caller, built the way a
 * department app gets them (the {@code demo} loader does the same): a small non-web Spring Boot context whose
 * auto-configuration makes the four clients, pointed at one base URL with one token. One set serves every load worker
 * (Feign clients are thread-safe); a role or token of its own gets a set of its own.
 * <p>
 * What the suite counts depends on the transport settings, so they are fixed here and checked: Feign's retryer is
 * {@link Retryer#NEVER_RETRY} (a create is retried only by the load worker, with the same key, and every attempt is
 * counted); connect and read timeouts are bounded; the JDK's {@code HttpURLConnection} (Feign's default client, the one
 * {@code demo} uses) keeps up to {@code http.maxConnections} idle connections per host, which the failsafe
 * configuration lifts from 5 to 64 so 32 workers reuse theirs, and does not silently resend a POST whose connection
 * failed ({@code sun.net.http.retryPost=false}).
 */
final class Clients implements AutoCloseable {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Longer than the gateway's own 30 s response timeout: the gateway, not the client, gives up first. */
	static final Duration READ_TIMEOUT = Duration.ofSeconds(40);

	/** Status of an attempt that got no HTTP answer: refused, reset or timed out (Feign's RetryableException). */
	static final int TRANSPORT = -1;

	/** Status of an attempt that failed in the client otherwise (an answer it could not read). */
	static final int CLIENT = -2;

	/** Status recorded for an answer the typed client accepted (any 2xx; Feign does not tell which). */
	static final int SUCCESS = 200;

	private final ConfigurableApplicationContext context;

	final SalesClient sales;

	final MarketingClient marketing;

	final SupportClient support;

	final KpiClient kpis;

	private Clients(ConfigurableApplicationContext context) {
		this.context = context;
		this.sales = context.getBean(SalesClient.class);
		this.marketing = context.getBean(MarketingClient.class);
		this.support = context.getBean(SupportClient.class);
		this.kpis = context.getBean(KpiClient.class);
	}

	/** The clients of {@code base} (the gateway, or one service directly) calling with {@code token} (may be null). */
	static Clients of(URI base, String token) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(Map.of("pulsecrm.api.url", base.toString(), "pulsecrm.api.token",
					(token != null) ? token : "", "spring.cloud.openfeign.client.config.default.connect-timeout",
					String.valueOf(CONNECT_TIMEOUT.toMillis()),
					"spring.cloud.openfeign.client.config.default.read-timeout",
					String.valueOf(READ_TIMEOUT.toMillis()), "logging.level.root", "WARN",
					// the shared stores log every connection at INFO
					"logging.level.de.bwaldvogel", "ERROR"))
			.run();
		Clients clients = new Clients(context);
		clients.checkTransport();
		return clients;
	}

	/** What the report states about the transport, e.g. {@code Client.Default, NEVER_RETRY, ...}. */
	String transport() {
		Client client = this.context.getBean(FeignClientFactory.class).getInstance("sales", Client.class);
		// with a fixed url, Spring Cloud OpenFeign calls the load balancer's delegate directly
		if (client instanceof FeignBlockingLoadBalancerClient balanced) {
			client = balanced.getDelegate();
		}
		return "typed OpenFeign clients (api-client), Feign "
				+ ((client != null) ? client.getClass().getName() : "feign.Client$Default") + " (HttpURLConnection), "
				+ "no Feign retries, connect timeout " + CONNECT_TIMEOUT.toSeconds() + " s, read timeout "
				+ READ_TIMEOUT.toSeconds() + " s, http.maxConnections " + System.getProperty("http.maxConnections");
	}

	private void checkTransport() {
		FeignClientFactory feign = this.context.getBean(FeignClientFactory.class);
		for (String name : new String[] { "sales", "marketing", "support", "kpis" }) {
			Retryer retryer = feign.getInstance(name, Retryer.class);
			if (retryer != Retryer.NEVER_RETRY) {
				throw new IllegalStateException("the " + name + " client retries on its own: " + retryer);
			}
		}
		int pool = Integer.parseInt(System.getProperty("http.maxConnections", "5"));
		if (pool < 32 || !"false".equals(System.getProperty("sun.net.http.retryPost"))) {
			throw new IllegalStateException("run with -Dhttp.maxConnections=64 -Dsun.net.http.retryPost=false "
					+ "(system-tests' failsafe configuration sets them)");
		}
	}

	/**
	 * One call through a client: what it returned, or how it failed. The status is the problem's HTTP status
	 * ({@link ApiProblemException}), {@link #TRANSPORT} when no answer came (Feign's {@link RetryableException}, or an
	 * I/O error while reading the answer), {@link #CLIENT} for any other failure, {@link #SUCCESS} otherwise.
	 */
	static <T> Outcome<T> call(Supplier<T> call) {
		long sent = System.nanoTime();
		try {
			T value = call.get();
			return new Outcome<>(SUCCESS, value, null, null, sent, System.nanoTime());
		}
		catch (ApiProblemException ex) {
			return new Outcome<>(ex.status(), null, ex, ex.getMessage(), sent, System.nanoTime());
		}
		catch (RetryableException ex) {
			return new Outcome<>(TRANSPORT, null, ex, ex.toString(), sent, System.nanoTime());
		}
		catch (FeignException ex) {
			int status = (ex.getCause() instanceof IOException) ? TRANSPORT : CLIENT;
			return new Outcome<>(status, null, ex, ex.toString(), sent, System.nanoTime());
		}
	}

	/** A call's result or failure, with when it was sent and answered. */
	record Outcome<T>(int status, T value, RuntimeException failure, String error, long sentNanos,
			long answeredNanos) {

		boolean ok() {
			return this.failure == null;
		}

		/** Whether it failed with a problem answer in {@code application/problem+json}. */
		boolean isProblem() {
			return this.failure instanceof ApiProblemException problem && problem.isProblemDocument();
		}

		long millis() {
			return (this.answeredNanos - this.sentNanos) / 1_000_000;
		}

		/** The value, or an AssertionError saying how the call failed. */
		T get() {
			if (this.failure != null) {
				throw new AssertionError("call failed with " + this.status + ": " + this.error, this.failure);
			}
			return this.value;
		}

		String describe() {
			return ok() ? "ok" : this.status + " " + this.error;
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** Nothing but auto-configuration: api-client's clients, Feign, Jackson, Boot's HTTP converters. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

	}
}
