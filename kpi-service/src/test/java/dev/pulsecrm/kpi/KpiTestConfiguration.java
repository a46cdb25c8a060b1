package dev.pulsecrm.kpi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;

@TestConfiguration(proxyBeanMethods = false)
class KpiTestConfiguration {

	/** "Now" for every integration test: the default period is [NOW − 30 days, NOW). */
	static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

	@Bean(destroyMethod = "close")
	FakeFactsServers fakeFactsServers() throws IOException {
		FakeFactsServers servers = FakeFactsServers.start();
		servers.reset();
		return servers;
	}

	@Bean
	@Primary
	Clock fixedClock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	/**
	 * The named channels ({@code sales}, {@code marketing}, {@code support}) lead to the fake servers in this JVM.
	 * Boot's in-process channel factory only takes literal {@code in-process:} targets, not named channels.
	 */
	@Bean
	@Primary
	FakeSourceChannels fakeSourceChannels() {
		return new FakeSourceChannels();
	}

	static final class FakeSourceChannels implements GrpcChannelFactory, DisposableBean {

		private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

		@Override
		public boolean supports(String target) {
			return true;
		}

		@Override
		public ManagedChannel createChannel(String target, ChannelBuilderOptions options) {
			ManagedChannel channel = InProcessChannelBuilder.forName("fake-" + target).build();
			this.channels.add(channel);
			return channel;
		}

		@Override
		public void destroy() {
			this.channels.forEach(ManagedChannel::shutdownNow);
		}

	}
}
