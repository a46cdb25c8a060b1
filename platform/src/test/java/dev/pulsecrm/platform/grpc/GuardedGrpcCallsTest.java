package dev.pulsecrm.platform.grpc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The breaker counts only a dependency's own failures and opens after a handful of calls, not a hundred. */
class GuardedGrpcCallsTest {

	final AtomicInteger calls = new AtomicInteger();

	volatile Status next = Status.OK;

	Server server;

	ManagedChannel channel;

	GuardedGrpcCalls guarded;

	@BeforeEach
	void start() throws Exception {
		String name = InProcessServerBuilder.generateName();
		this.server = InProcessServerBuilder.forName(name).directExecutor().addService(new SupportFactsGrpc.SupportFactsImplBase() {
			@Override
			public void getFacts(FactsRequest request, StreamObserver<SupportFactsReply> response) {
				GuardedGrpcCallsTest.this.calls.incrementAndGet();
				if (GuardedGrpcCallsTest.this.next.isOk()) {
					response.onNext(SupportFactsReply.getDefaultInstance());
					response.onCompleted();
				}
				else {
					response.onError(GuardedGrpcCallsTest.this.next.asRuntimeException());
				}
			}
		}).build().start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		GrpcResilienceProperties properties = new GrpcResilienceProperties(Duration.ofSeconds(1), Map.of(), 50f, 10, 4,
				Duration.ofSeconds(60));
		this.guarded = new GuardedGrpcCalls(CircuitBreakerRegistry.of(GuardedGrpcCalls.breakerConfig(properties)),
				properties);
	}

	@AfterEach
	void stop() {
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

	SupportFactsReply call() {
		return this.guarded.call("support", SupportFactsGrpc.newBlockingStub(this.channel),
				(stub) -> stub.getFacts(FactsRequest.getDefaultInstance()));
	}

	@Test
	void anUnavailableDependencyOpensTheBreakerAfterFourCallsAndIsNotCalledAgain() {
		this.next = Status.UNAVAILABLE;
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(this::call);
		}
		assertThat(this.guarded.state("support")).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(this::call)
			.withMessageContaining("circuit breaker open");
		assertThat(this.calls).hasValue(4);
	}

	@Test
	void aCallerErrorIsPassedOnAndDoesNotCountAgainstTheDependency() {
		this.next = Status.INVALID_ARGUMENT;
		for (int i = 0; i < 6; i++) {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(this::call)
				.matches((ex) -> ex.getStatus().getCode() == Status.Code.INVALID_ARGUMENT);
		}
		assertThat(this.guarded.state("support")).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void aHealthyDependencyAnswers() {
		assertThat(call()).isEqualTo(SupportFactsReply.getDefaultInstance());
		assertThat(this.guarded.state("support")).isEqualTo(CircuitBreaker.State.CLOSED);
	}
}
