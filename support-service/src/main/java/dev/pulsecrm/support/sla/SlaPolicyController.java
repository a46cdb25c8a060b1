package dev.pulsecrm.support.sla;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET/PUT /api/support/sla-policies}: {@code [{"priority", "firstResponse", "resolution"}]}, one per priority. */
@Tag(name = "sla-policies", description = "First-response and resolution targets per priority as ISO-8601 "
		+ "durations. A ticket's deadlines are fixed at creation: a new policy applies to new tickets only.")
@RestController
@RequestMapping("/api/support/sla-policies")
class SlaPolicyController {

	private final SlaPolicyService policies;

	SlaPolicyController(SlaPolicyService policies) {
		this.policies = policies;
	}

	@GetMapping
	List<SlaTarget> get() {
		return this.policies.current().targets();
	}

	@Operation(summary = "Replace the policy", description = "Every priority exactly once; durations must parse and be "
			+ "positive (422 naming the field otherwise).")
	@PutMapping
	List<SlaTarget> put(@RequestBody List<SlaTarget> targets) {
		return this.policies.replace(targets).targets();
	}
}
