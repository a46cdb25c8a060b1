package dev.pulsecrm.kpi.facts;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactsCacheTest {

	final AtomicLong now = new AtomicLong(1_000_000);

	final AtomicInteger calls = new AtomicInteger();

	FactsCache cache(Duration ttl, int maxEntries) {
		return new FactsCache(new FactsCacheProperties(ttl, maxEntries), this.now::get);
	}

	CompletableFuture<Message> answer() {
		return CompletableFuture.completedFuture(StringValue.of("reply " + this.calls.incrementAndGet()));
	}

	@Test
	void aReplyIsServedForAtMostTheTtlAfterItWasComputed() {
		FactsCache cache = cache(Duration.ofSeconds(1), 100);
		assertThat(cache.get("k", this::answer).join()).isEqualTo(StringValue.of("reply 1"));
		this.now.addAndGet(Duration.ofMillis(1000).toNanos());
		assertThat(cache.get("k", this::answer).join()).isEqualTo(StringValue.of("reply 1"));
		this.now.addAndGet(1);
		assertThat(cache.get("k", this::answer).join()).isEqualTo(StringValue.of("reply 2"));
		assertThat(cache.get("other", this::answer).join()).isEqualTo(StringValue.of("reply 3"));
	}

	@Test
	void identicalCallsInFlightAreMadeOnce() {
		FactsCache cache = cache(Duration.ofSeconds(1), 100);
		CompletableFuture<Message> slow = new CompletableFuture<>();
		CompletableFuture<Message> first = cache.get("k", () -> {
			this.calls.incrementAndGet();
			return slow;
		});
		// still computing after much longer than the ttl: later requests wait for it rather than start another
		this.now.addAndGet(Duration.ofSeconds(5).toNanos());
		CompletableFuture<Message> second = cache.get("k", this::answer);
		assertThat(second).isSameAs(first);
		slow.complete(StringValue.of("slow"));
		assertThat(second.join()).isEqualTo(StringValue.of("slow"));
		assertThat(this.calls).hasValue(1);
		// its age counts from when it arrived
		this.now.addAndGet(Duration.ofMillis(900).toNanos());
		assertThat(cache.get("k", this::answer).join()).isEqualTo(StringValue.of("slow"));
	}

	@Test
	void aFailedCallIsNotKept() {
		FactsCache cache = cache(Duration.ofSeconds(1), 100);
		CompletableFuture<Message> failing = CompletableFuture.failedFuture(new IllegalStateException("down"));
		assertThat(cache.get("k", () -> failing)).isCompletedExceptionally();
		assertThat(cache.get("k", this::answer).join()).isEqualTo(StringValue.of("reply 1"));
	}

	@Test
	void aZeroTtlCallsEveryTime() {
		FactsCache cache = cache(Duration.ZERO, 100);
		cache.get("k", this::answer);
		cache.get("k", this::answer);
		assertThat(this.calls).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void theNumberOfRepliesKeptIsBounded() {
		FactsCache cache = cache(Duration.ofSeconds(1), 10);
		for (int i = 0; i < 25; i++) {
			cache.get("k" + i, this::answer);
		}
		assertThat(cache.size()).isLessThanOrEqualTo(10);
	}
}
