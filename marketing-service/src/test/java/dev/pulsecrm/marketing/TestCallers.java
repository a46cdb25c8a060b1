package dev.pulsecrm.marketing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.platform.security.CallerProvider;

/** The caller the services see: SYSTEM unless a test acts as someone else (reset after each such test). */
public class TestCallers implements CallerProvider {

	private final AtomicReference<Caller> current = new AtomicReference<>(Caller.SYSTEM);

	@Override
	public Caller current() {
		return this.current.get();
	}

	public void actAsMarketer(String userId, String team) {
		this.current.set(new Caller(userId, team, Set.of("MARKETING")));
	}

	public void reset() {
		this.current.set(Caller.SYSTEM);
	}
}
