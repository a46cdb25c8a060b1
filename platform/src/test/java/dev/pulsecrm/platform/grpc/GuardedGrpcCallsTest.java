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

	/** statuses answered before {@link #next}, one per call */
	final java.util.Queue<Status> script = new java.util.concurrent.ConcurrentLinkedQueue<>();

	/** when set, every call waits for it before answering */
	volatile java.util.concurrent.CountDownLatch gate;

	final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);

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
				GuardedGrpcCallsTest.this.entered.countDown();
				if (GuardedGrpcCallsTest.this.gate != null) {
					try {
						GuardedGrpcCallsTest.this.gate.await(10, java.util.concurrent.TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				Status scripted = GuardedGrpcCallsTest.this.script.poll();
				Status status = scripted != null ? scripted : GuardedGrpcCallsTest.this.next;
				if (status.isOk()) {
					response.onNext(SupportFactsReply.getDefaultInstance());
					response.onCompleted();
				}
				else {
					response.onError(status.asRuntimeException());
				}
			}
		}).build().start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		GrpcResilienceProperties properties = new GrpcResilienceProperties(Duration.ofSeconds(1), Map.of(), 50f, 10, 4,
				Duration.ofSeconds(60), 1, 1, Duration.ofMillis(10));
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

	SupportFactsReply callIdempotent() {
		return this.guarded.callIdempotent("support", SupportFactsGrpc.newBlockingStub(this.channel),
				(stub) -> stub.getFacts(FactsRequest.getDefaultInstance()));
	}

	@Test
	void anIdempotentCallIsAttemptedOnceMoreAfterUnavailableAndAnswers() {
		this.script.add(Status.UNAVAILABLE);
		assertThat(callIdempotent()).isEqualTo(SupportFactsReply.getDefaultInstance());
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void aCallThatMustNotRunTwiceIsNotRetried() {
		this.script.add(Status.UNAVAILABLE);
		assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(this::call)
			.withMessageContaining("UNAVAILABLE");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void onlyUnavailableIsRetriedAndOnlyOnce() {
		this.next = Status.UNAVAILABLE;
		assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(this::callIdempotent);
		assertThat(this.calls).hasValue(2);
		this.calls.set(0);
		this.next = Status.DEADLINE_EXCEEDED;
		assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(this::callIdempotent)
			.withMessageContaining("DEADLINE_EXCEEDED");
		assertThat(this.calls).hasValue(1);
		this.calls.set(0);
		this.next = Status.INVALID_ARGUMENT;
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(this::callIdempotent)
			.matches((ex) -> ex.getStatus().getCode() == Status.Code.INVALID_ARGUMENT);
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void aFullBulkheadRefusesTheNextCallAtOnceWithoutReachingTheDependency() throws Exception {
		this.gate = new java.util.concurrent.CountDownLatch(1);
		var first = java.util.concurrent.CompletableFuture.supplyAsync(this::callIdempotent);
		assertThat(this.entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		long started = System.nanoTime();
		assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(this::callIdempotent)
			.withMessageContaining("too many calls in flight");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		assertThat(this.calls).hasValue(1);
		this.gate.countDown();
		assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(SupportFactsReply.getDefaultInstance());
		// a refusal is the caller's overload, not the dependency's failure
		assertThat(this.guarded.state("support")).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void settingsOutOfRangeAreRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new GrpcResilienceProperties(null, null, null, null, null, null, 0, null, null))
			.withMessageContaining("max-concurrent-calls");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new GrpcResilienceProperties(null, null, null, null, null, null, null, -1, null));
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
