package dev.pulsecrm.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

	static final long SECOND = 1_000_000_000L;

	@Test
	void aBurstIsServedThenTheClientWaitsForTheRefill() {
		TokenBucket bucket = new TokenBucket(3, 2, 0);
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
		assertThat(bucket.tryTake(SECOND / 2)).isZero();
	}

	@Test
	void anIdleBucketRefillsOnlyToItsCapacity() {
		TokenBucket bucket = new TokenBucket(2, 1, 0);
		bucket.tryTake(0);
		assertThat(bucket.isFull(100 * SECOND)).isTrue();
		assertThat(bucket.tryTake(100 * SECOND)).isZero();
		assertThat(bucket.tryTake(100 * SECOND)).isZero();
		assertThat(bucket.tryTake(100 * SECOND)).isPositive();
	}
}
