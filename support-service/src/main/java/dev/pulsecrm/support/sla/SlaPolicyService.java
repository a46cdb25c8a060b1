package dev.pulsecrm.support.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.pulsecrm.support.ticket.Priority;

import org.springframework.stereotype.Service;

@Service
public class SlaPolicyService {

	private final SlaPolicyRepository policies;

	private final Clock clock;

	public SlaPolicyService(SlaPolicyRepository policies, Clock clock) {
		this.policies = policies;
		this.clock = clock;
	}

	public SlaPolicy current() {
		return this.policies.findById(SlaPolicy.CURRENT).orElse(SlaPolicy.DEFAULT);
	}

	/** Replaces the whole policy; tickets created before keep the deadlines they were given. */
	public SlaPolicy replace(List<SlaTarget> targets) {
		List<SlaTarget> checked = SlaPolicy.checkedTargets(targets);
		Long version = this.policies.findById(SlaPolicy.CURRENT).map(SlaPolicy::version).orElse(null);
		return this.policies.save(new SlaPolicy(SlaPolicy.CURRENT, checked, Instant.now(this.clock), version));
	}

	public SlaDeadlines deadlinesFor(Priority priority, Instant createdAt) {
		return current().targetFor(priority).deadlinesFrom(createdAt);
	}
}
