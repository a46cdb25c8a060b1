package dev.pulsecrm.support.sla;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.support.ticket.Priority;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The one SLA policy of the support desk: first-response and resolution targets per priority. A ticket's deadlines
 * are fixed when it is created, so a policy change applies to new tickets only.
 */
@Document("sla_policies")
public record SlaPolicy(@Id String id, List<SlaTarget> targets, Instant updatedAt, @Version Long version) {

	static final String CURRENT = "current";

	/** API.md's defaults, used until a policy is PUT. */
	public static final SlaPolicy DEFAULT = new SlaPolicy(CURRENT,
			List.of(new SlaTarget(Priority.URGENT, "PT1H", "PT4H"), new SlaTarget(Priority.HIGH, "PT4H", "PT24H"),
					new SlaTarget(Priority.NORMAL, "PT8H", "PT72H"), new SlaTarget(Priority.LOW, "PT24H", "PT168H")),
			null, null);

	/** A complete policy from outside: every priority exactly once, every duration positive (422 otherwise). */
	static List<SlaTarget> checkedTargets(List<SlaTarget> targets) {
		if (targets == null) {
			throw ProblemException.invalid("targets", "is required");
		}
		Map<Priority, SlaTarget> byPriority = new EnumMap<>(Priority.class);
		for (int i = 0; i < targets.size(); i++) {
			if (targets.get(i) == null) {
				throw ProblemException.invalid("[" + i + "]", "must not be null");
			}
			SlaTarget target = SlaTarget.checked("[" + i + "]", targets.get(i));
			if (byPriority.put(target.priority(), target) != null) {
				throw ProblemException.invalid("[" + i + "].priority", target.priority() + " is listed twice");
			}
		}
		for (Priority priority : Priority.values()) {
			if (!byPriority.containsKey(priority)) {
				throw ProblemException.invalid("priority", "targets for " + priority + " are missing");
			}
		}
		// stored and returned most urgent first, whatever order the client sent
		return List.of(byPriority.get(Priority.URGENT), byPriority.get(Priority.HIGH),
				byPriority.get(Priority.NORMAL), byPriority.get(Priority.LOW));
	}

	public SlaTarget targetFor(Priority priority) {
		return this.targets.stream()
			.filter((target) -> target.priority() == priority)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the stored SLA policy has no target for " + priority));
	}
}
