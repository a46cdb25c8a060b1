package dev.pulsecrm.gateway.ratelimit;

/** A token bucket on a caller-supplied nanosecond clock, so tests can drive time. */
final class TokenBucket {

	private final double capacity;

	private final double refillPerNano;

	private double tokens;

	private long updatedAt;

	TokenBucket(int capacity, int perSecond, long now) {
		this.capacity = capacity;
		this.refillPerNano = perSecond / 1e9;
		this.tokens = capacity;
		this.updatedAt = now;
	}

	/** Takes one token; returns 0 when granted, else the nanoseconds until one is available. */
	synchronized long tryTake(long now) {
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerNano);
		this.updatedAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return (long) Math.ceil((1 - this.tokens) / this.refillPerNano);
	}

	synchronized boolean isFull(long now) {
		return this.tokens + (now - this.updatedAt) * this.refillPerNano >= this.capacity;
	}
}
