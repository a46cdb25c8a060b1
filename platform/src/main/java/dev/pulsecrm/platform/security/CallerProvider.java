package dev.pulsecrm.platform.security;

/** The caller of the current request; services ask it before changing a record. */
@FunctionalInterface
public interface CallerProvider {

	Caller current();

}
