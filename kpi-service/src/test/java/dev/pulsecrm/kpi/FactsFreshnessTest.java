package dev.pulsecrm.kpi;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsGrpc;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesFactsGrpc;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The facts cache with its shipped settings (no {@code crm.kpi.facts-cache.ttl} override) keeps the promise "a won deal
 * shows up in GET /api/kpis within 2 s": repeated requests are answered from the cache, and a change in sales reaches
 * the API within the bound. Its own fake sources (named {@code fresh-*}) so it can live beside the shared context.
 */
@SpringBootTest(properties = { "spring.grpc.server.enabled=false", "crm.kpi.refresh-initial-delay=1h" })
@AutoConfigureMockMvc
@Import(FactsFreshnessTest.FreshSources.class)
class FactsFreshnessTest {

	static final String PERIOD = "keys=sales.deals_won&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z";

	static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	FreshSources sources;

	@Test
	void aWonDealShowsUpWithinTwoSecondsWhileRepeatedRequestsHitTheCache() throws Exception {
		this.sources.dealsWon.set(7);
		assertThat(dealsWon()).isEqualByComparingTo("7");
		int callsAfterFirst = this.sources.salesCalls.get();
		for (int i = 0; i < 5; i++) {
			dealsWon();
		}
		assertThat(this.sources.salesCalls.get()).as("repeated requests within the ttl are served from the cache")
			.isEqualTo(callsAfterFirst);

		long won = System.nanoTime();
		this.sources.dealsWon.set(8);
		await("the won deal in GET /api/kpis").atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> dealsWon().compareTo(BigDecimal.valueOf(8)) == 0);
		Duration visibleAfter = Duration.ofNanos(System.nanoTime() - won);
		assertThat(visibleAfter).isLessThanOrEqualTo(Duration.ofSeconds(2));
	}

	private BigDecimal dealsWon() throws Exception {
		String body = this.mvc.perform(get("/api/kpis?" + PERIOD)).andReturn().getResponse().getContentAsString();
		JsonNode kpi = json.readTree(body).get("kpis").get(0);
		assertThat(kpi.get("key").asString()).isEqualTo("sales.deals_won");
		return kpi.get("value").decimalValue();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FreshSources implements DisposableBean {

		final AtomicLong dealsWon = new AtomicLong();

		final AtomicInteger salesCalls = new AtomicInteger();

		private final List<Server> servers = new CopyOnWriteArrayList<>();

		private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

		FreshSources() throws IOException {
			this.servers.add(InProcessServerBuilder.forName("fresh-sales")
				.addService(new SalesFactsGrpc.SalesFactsImplBase() {
					@Override
					public void getFacts(FactsRequest request, StreamObserver<SalesFactsReply> response) {
						FreshSources.this.salesCalls.incrementAndGet();
						response.onNext(SalesFactsReply.newBuilder()
							.addGroups(SalesGroupFacts.newBuilder().setDealsWon(FreshSources.this.dealsWon.get()))
							.build());
						response.onCompleted();
					}
				})
				.build()
				.start());
			this.servers.add(InProcessServerBuilder.forName("fresh-marketing")
				.addService(new MarketingFactsGrpc.MarketingFactsImplBase() {
					@Override
					public void getFacts(FactsRequest request, StreamObserver<MarketingFactsReply> response) {
						response.onNext(MarketingFactsReply.getDefaultInstance());
						response.onCompleted();
					}
				})
				.build()
				.start());
			this.servers.add(InProcessServerBuilder.forName("fresh-support")
				.addService(new SupportFactsGrpc.SupportFactsImplBase() {
					@Override
					public void getFacts(FactsRequest request, StreamObserver<SupportFactsReply> response) {
						response.onNext(SupportFactsReply.getDefaultInstance());
						response.onCompleted();
					}
				})
				.build()
				.start());
		}

		@Bean
		@Primary
		GrpcChannelFactory freshChannels() {
			return new GrpcChannelFactory() {
				@Override
				public boolean supports(String target) {
					return true;
				}

				@Override
				public ManagedChannel createChannel(String target, ChannelBuilderOptions options) {
					ManagedChannel channel = InProcessChannelBuilder.forName("fresh-" + target).build();
					FreshSources.this.channels.add(channel);
					return channel;
				}
			};
		}

		@Override
		public void destroy() {
			this.channels.forEach(ManagedChannel::shutdownNow);
			this.servers.forEach(Server::shutdownNow);
		}
	}
}
