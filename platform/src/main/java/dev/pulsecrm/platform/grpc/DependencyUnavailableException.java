package dev.pulsecrm.platform.grpc;

/** Another service could not answer in time (down, overloaded, or its circuit breaker is open). */
public class DependencyUnavailableException extends RuntimeException {

	private final String dependency;

	public DependencyUnavailableException(String dependency, String reason, Throwable cause) {
		super(dependency + " is unavailable: " + reason, cause);
		this.dependency = dependency;
	}

	public String dependency() {
		return this.dependency;
	}
}
