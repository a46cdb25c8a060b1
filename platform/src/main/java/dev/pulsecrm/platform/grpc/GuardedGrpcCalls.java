package dev.pulsecrm.platform.grpc;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;

/**
 * Every gRPC call to another service goes through here: a deadline per call and a circuit breaker per dependency
 * that counts only {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and {@code RESOURCE_EXHAUSTED} as failures (an
 * {@code INVALID_ARGUMENT} is the caller's bug, not the dependency's health).
 */
public class GuardedGrpcCalls {

	static final Set<Status.Code> DEPENDENCY_FAILURES = EnumSet.of(Status.Code.UNAVAILABLE,
			Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

	private final CircuitBreakerRegistry breakers;

	private final GrpcResilienceProperties properties;

	public GuardedGrpcCalls(CircuitBreakerRegistry breakers, GrpcResilienceProperties properties) {
		this.breakers = breakers;
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
			.build();
	}

	static boolean isDependencyFailure(Throwable ex) {
		return ex instanceof StatusRuntimeException sre && DEPENDENCY_FAILURES.contains(sre.getStatus().getCode());
	}

	/**
	 * Calls {@code dependency} through {@code stub} with the configured deadline.
	 * @throws DependencyUnavailableException when the dependency is down, too slow, or its breaker is open
	 * @throws StatusRuntimeException for any other gRPC status (a bug or a refusal, which the caller maps)
	 */
	public <S extends AbstractStub<S>, T> T call(String dependency, S stub, Function<S, T> call) {
		CircuitBreaker breaker = this.breakers.circuitBreaker(dependency);
		long deadlineMillis = this.properties.deadlineFor(dependency).toMillis();
		try {
			return breaker.executeSupplier(
					() -> call.apply(stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)));
		}
		catch (CallNotPermittedException ex) {
			throw new DependencyUnavailableException(dependency, "circuit breaker open", ex);
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
