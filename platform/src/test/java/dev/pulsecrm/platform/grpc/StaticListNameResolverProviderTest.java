package dev.pulsecrm.platform.grpc;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A {@code static-list:///a,b} target reaches every replica in turn and, once one is gone, only the others: the local
 * stand-in for a headless Service, on real loopback servers and the process-wide resolver registry.
 */
class StaticListNameResolverProviderTest {

	final Map<Integer, AtomicInteger> callsByPort = new ConcurrentHashMap<>();

	Server first;

	Server second;

	ManagedChannel channel;

	@AfterEach
	void stop() throws InterruptedException {
		for (Server server : new Server[] { this.first, this.second }) {
			if (server != null) {
				server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		if (this.channel != null) {
			this.channel.shutdownNow();
		}
	}

	@Test
	void spreadsCallsOverEveryReplicaAndSkipsOneThatStopped() throws Exception {
		this.first = start();
		this.second = start();
		this.channel = Grpc.newChannelBuilder("static-list:///127.0.0.1:" + this.first.getPort() + ",localhost:"
				+ this.second.getPort(), InsecureChannelCredentials.create())
			.defaultLoadBalancingPolicy("round_robin")
			.build();
		var stub = SupportFactsGrpc.newBlockingStub(this.channel).withWaitForReady();
		for (int i = 0; i < 20; i++) {
			stub.withDeadlineAfter(5, TimeUnit.SECONDS).getFacts(FactsRequest.getDefaultInstance());
		}
		assertThat(calls(this.first)).isPositive();
		assertThat(calls(this.second)).isPositive();
		assertThat(calls(this.first) + calls(this.second)).isEqualTo(20);

		this.first.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		int secondBefore = calls(this.second);
		int failures = 0;
		for (int i = 0; i < 20; i++) {
			try {
				SupportFactsGrpc.newBlockingStub(this.channel)
					.withDeadlineAfter(5, TimeUnit.SECONDS)
					.getFacts(FactsRequest.getDefaultInstance());
			}
			catch (io.grpc.StatusRuntimeException ex) {
				failures++;
			}
		}
		// a call already assigned to the stopped replica may fail once; every other call reaches the live one
		assertThat(failures).isLessThanOrEqualTo(1);
		assertThat(calls(this.second) - secondBefore).isEqualTo(20 - failures);
	}

	@Test
	void parsesHostsAndPorts() {
		assertThat(StaticListNameResolverProvider.parse(URI.create("static-list:///10.0.0.1:9091,localhost:9191,svc:1")))
			.containsExactly(new StaticListNameResolverProvider.HostAndPort("10.0.0.1", 9091),
					new StaticListNameResolverProvider.HostAndPort("localhost", 9191),
					new StaticListNameResolverProvider.HostAndPort("svc", 1));
	}

	@Test
	void rejectsAnEmptyListAnEntryWithoutPortAndAPortOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticListNameResolverProvider.parse(URI.create("static-list:///")))
			.withMessageContaining("at least one host:port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticListNameResolverProvider.parse(URI.create("static-list:///a:1,b")))
			.withMessageContaining("'b'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticListNameResolverProvider.parse(URI.create("static-list:///a:x")))
			.withMessageContaining("numeric port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StaticListNameResolverProvider.parse(URI.create("static-list:///a:70000")))
			.withMessageContaining("out of range");
	}

	@Test
	void leavesOtherSchemesToTheirResolvers() {
		assertThat(new StaticListNameResolverProvider().newNameResolver(URI.create("dns:///svc:9090"),
				io.grpc.NameResolver.Args.newBuilder()
					.setDefaultPort(9090)
					.setProxyDetector((address) -> null)
					.setSynchronizationContext(new io.grpc.SynchronizationContext((thread, error) -> {
					}))
					.setServiceConfigParser(new io.grpc.NameResolver.ServiceConfigParser() {
						@Override
						public io.grpc.NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> config) {
							return io.grpc.NameResolver.ConfigOrError.fromConfig(config);
						}
					})
					.build()))
			.isNull();
	}

	private int calls(Server server) {
		return this.callsByPort.computeIfAbsent(server.getPort(), (port) -> new AtomicInteger()).get();
	}

	private Server start() throws Exception {
		AtomicInteger counter = new AtomicInteger();
		Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
			.addService(new SupportFactsGrpc.SupportFactsImplBase() {
				@Override
				public void getFacts(FactsRequest request, StreamObserver<SupportFactsReply> response) {
					counter.incrementAndGet();
					response.onNext(SupportFactsReply.getDefaultInstance());
					response.onCompleted();
				}
			})
			.build()
			.start();
		this.callsByPort.put(server.getPort(), counter);
		return server;
	}

}
