package dev.pulsecrm.kpi.facts;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.google.protobuf.Message;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Facts replies by call (source, period, split), each served for at most {@code crm.kpi.facts-cache.ttl} after it
 * was computed. A call that is being computed is shared: a burst of identical requests (dashboards refreshing
 * together) makes one facts call per source, not one each. Failed calls are never kept. The age is measured on the
 * monotonic clock, not the service's business {@link java.time.Clock} (which tests pin).
 */
@Component
public class FactsCache {

	private final long ttlNanos;

	private final int maxEntries;

	private final LongSupplier ticker;

	private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

	@Autowired
	public FactsCache(FactsCacheProperties properties) {
		this(properties, System::nanoTime);
	}

	FactsCache(FactsCacheProperties properties, LongSupplier ticker) {
		this.ttlNanos = properties.ttl().toNanos();
		this.maxEntries = properties.maxEntries();
		this.ticker = ticker;
	}

	/** The cached or in-flight reply of {@code key}, or the one {@code call} starts. */
	public CompletableFuture<Message> get(Object key, Supplier<CompletableFuture<Message>> call) {
		if (this.ttlNanos == 0) {
			return call.get();
		}
		long now = this.ticker.getAsLong();
		Entry cached = this.entries.get(key);
		if (cached != null && cached.fresh(now, this.ttlNanos)) {
			return cached.future;
		}
		if (this.entries.size() >= this.maxEntries) {
			evict(now);
		}
		Entry entry = this.entries.compute(key,
				(k, old) -> (old != null && old.fresh(now, this.ttlNanos)) ? old : new Entry(call.get()));
		entry.future.whenComplete((reply, failure) -> {
			if (failure != null) {
				this.entries.remove(key, entry);
			}
			else {
				entry.completedAt(this.ticker.getAsLong());
			}
		});
		return entry.future;
	}

	/** How many replies are kept (computed or in flight). */
	int size() {
		return this.entries.size();
	}

	private void evict(long now) {
		this.entries.values().removeIf((entry) -> entry.expired(now, this.ttlNanos));
		if (this.entries.size() >= this.maxEntries) {
			this.entries.clear();
		}
	}

	private static final class Entry {

		final CompletableFuture<Message> future;

		// 0 while in flight; set once when the reply arrives
		private volatile long completedAt;

		Entry(CompletableFuture<Message> future) {
			this.future = future;
		}

		void completedAt(long nanos) {
			if (this.completedAt == 0) {
				this.completedAt = (nanos == 0) ? 1 : nanos;
			}
		}

		/** In flight (shared), or answered at most {@code ttl} ago. */
		boolean fresh(long now, long ttl) {
			if (!this.future.isDone()) {
				return true;
			}
			if (this.future.isCompletedExceptionally()) {
				return false;
			}
			long completed = this.completedAt;
			return completed != 0 && now - completed <= ttl;
		}

		boolean expired(long now, long ttl) {
			return this.future.isDone() && !fresh(now, ttl);
		}
	}
}
