package dev.pulsecrm.kpi.facts;

/** How a source answered the facts calls of one computation. */
public enum SourceState {

	/** every call answered */
	UP,
	/** down, too slow, or its circuit breaker is open */
	DOWN,
	/** it answered with an error status (a contract mismatch, e.g. a dimension it cannot split by) */
	ERROR

}
