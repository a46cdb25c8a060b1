package dev.pulsecrm.platform.grpc;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;

/**
 * Every gRPC call to another service goes through here, guarded per dependency by:
 * <ul>
 * <li>a deadline per attempt;</li>
 * <li>a bulkhead: at most {@code max-concurrent-calls} calls in flight, the next one refused at once, so a slow
 * dependency holds a bounded number of the caller's request threads instead of all of them;</li>
 * <li>a circuit breaker that counts only {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and
 * {@code RESOURCE_EXHAUSTED} as failures (an {@code INVALID_ARGUMENT} is the caller's bug, not the dependency's
 * health);</li>
 * <li>for {@linkplain #callIdempotent idempotent calls} only, one more attempt after {@code UNAVAILABLE} (the replica
 * went away; with a {@code static-list} or headless-Service target the next attempt goes to another one). A deadline
 * that passed is not retried: the time is spent. The channels carry no gRPC retry policy of their own (no service
 * config sets one), so retries are never stacked; gRPC's transparent retry of a call that never left the client is
 * the only other one.</li>
 * </ul>
 * Order: retry around breaker around bulkhead, so every attempt counts in the breaker and an open breaker or a full
 * bulkhead is never retried. State and outcomes of all three are in Prometheus
 * ({@code resilience4j_circuitbreaker_*}, {@code resilience4j_bulkhead_*}, {@code resilience4j_retry_*}).
 */
public class GuardedGrpcCalls {

	static final Set<Status.Code> DEPENDENCY_FAILURES = EnumSet.of(Status.Code.UNAVAILABLE,
			Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

	private final CircuitBreakerRegistry breakers;

	private final BulkheadRegistry bulkheads;

	private final RetryRegistry retries;

	private final GrpcResilienceProperties properties;

	public GuardedGrpcCalls(CircuitBreakerRegistry breakers, GrpcResilienceProperties properties) {
		this(breakers, BulkheadRegistry.of(bulkheadConfig(properties)), RetryRegistry.of(retryConfig(properties)),
				properties);
	}

	public GuardedGrpcCalls(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, RetryRegistry retries,
			GrpcResilienceProperties properties) {
		this.breakers = breakers;
		this.bulkheads = bulkheads;
		this.retries = retries;
		this.properties = properties;
	}

	public static CircuitBreakerConfig breakerConfig(GrpcResilienceProperties properties) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.slidingWindowSize())
			.minimumNumberOfCalls(properties.minimumNumberOfCalls())
			.failureRateThreshold(properties.failureRateThreshold())
			.waitDurationInOpenState(properties.openStateWait())
			.permittedNumberOfCallsInHalfOpenState(2)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordException(GuardedGrpcCalls::isDependencyFailure)
			// a full bulkhead is the caller's own overload: neither a failure nor a success of the dependency
			.ignoreExceptions(BulkheadFullException.class)
			.build();
	}

	/** A semaphore per dependency; a call beyond the limit is refused without waiting. */
	public static BulkheadConfig bulkheadConfig(GrpcResilienceProperties properties) {
		return BulkheadConfig.custom()
			.maxConcurrentCalls(properties.maxConcurrentCalls())
			.maxWaitDuration(java.time.Duration.ZERO)
			.build();
	}

	/** One more attempt ({@code idempotent-retries}) after {@code UNAVAILABLE}, nothing else. */
	public static RetryConfig retryConfig(GrpcResilienceProperties properties) {
		return RetryConfig.custom()
			.maxAttempts(1 + properties.idempotentRetries())
			.waitDuration(properties.retryWait())
			.retryOnException(GuardedGrpcCalls::isLostReplica)
			.failAfterMaxAttempts(false)
			.build();
	}

	static boolean isDependencyFailure(Throwable ex) {
		return ex instanceof StatusRuntimeException sre && DEPENDENCY_FAILURES.contains(sre.getStatus().getCode());
	}

	static boolean isLostReplica(Throwable ex) {
		return ex instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.UNAVAILABLE;
	}

	/**
	 * Calls {@code dependency} through {@code stub} once, with the configured deadline: for calls that must not run
	 * twice.
	 * @throws DependencyUnavailableException when the dependency is down, too slow, its breaker is open or its
	 * bulkhead full
	 * @throws StatusRuntimeException for any other gRPC status (a bug or a refusal, which the caller maps)
	 */
	public <S extends AbstractStub<S>, T> T call(String dependency, S stub, Function<S, T> call) {
		return guarded(dependency, guard(dependency, stub, call));
	}

	/**
	 * Like {@link #call}, for a call that is safe to repeat (a read, or a command idempotent on its key): after
	 * {@code UNAVAILABLE} it is attempted once more.
	 */
	public <S extends AbstractStub<S>, T> T callIdempotent(String dependency, S stub, Function<S, T> call) {
		Retry retry = this.retries.retry(dependency);
		return guarded(dependency, Retry.decorateSupplier(retry, guard(dependency, stub, call)));
	}

	private <S extends AbstractStub<S>, T> Supplier<T> guard(String dependency, S stub, Function<S, T> call) {
		CircuitBreaker breaker = this.breakers.circuitBreaker(dependency);
		Bulkhead bulkhead = this.bulkheads.bulkhead(dependency);
		long deadlineMillis = this.properties.deadlineFor(dependency).toMillis();
		Supplier<T> attempt = () -> call.apply(stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS));
		return CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(bulkhead, attempt));
	}

	private static <T> T guarded(String dependency, Supplier<T> supplier) {
		try {
			return supplier.get();
		}
		catch (CallNotPermittedException ex) {
			throw new DependencyUnavailableException(dependency, "circuit breaker open", ex);
		}
		catch (BulkheadFullException ex) {
			throw new DependencyUnavailableException(dependency, "too many calls in flight", ex);
		}
		catch (StatusRuntimeException ex) {
			if (isDependencyFailure(ex)) {
				throw new DependencyUnavailableException(dependency, ex.getStatus().getCode().name(), ex);
			}
			throw ex;
		}
	}

	public CircuitBreaker.State state(String dependency) {
		return this.breakers.circuitBreaker(dependency).getState();
	}
}
