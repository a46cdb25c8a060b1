package dev.pulsecrm.client;

import java.util.function.Supplier;

/**
 * An {@code Idempotency-Key} for the POSTs a caller makes inside {@link #with}: a retry with the same key is answered
 * with the first response instead of running again. The key belongs to the calling thread (Feign calls run on it).
 *
 * <pre>{@code Deal deal = IdempotencyKey.with("order-4711", () -> sales.createDeal(command));}</pre>
 */
public final class IdempotencyKey {

	public static final String HEADER = "Idempotency-Key";

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private IdempotencyKey() {
	}

	public static <T> T with(String key, Supplier<T> call) {
		if (key == null || key.isBlank() || key.length() > 200) {
			throw new IllegalArgumentException("an Idempotency-Key is 1 to 200 characters");
		}
		String previous = CURRENT.get();
		CURRENT.set(key);
		try {
			return call.get();
		}
		finally {
			if (previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(previous);
			}
		}
	}

	/** The key set by the innermost {@link #with} on this thread, or null. */
	public static String current() {
		return CURRENT.get();
	}
}
