package dev.pulsecrm.marketing.scoring;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/marketing/scoring-rules")
class ScoringRulesController {

	private final ScoringRulesService rules;

	ScoringRulesController(ScoringRulesService rules) {
		this.rules = rules;
	}

	@GetMapping
	ScoringRules get() {
		return this.rules.current();
	}

	/** Replaces the rules; every lead's score is recomputed before this returns. */
	@PutMapping
	ScoringRules replace(@Valid @RequestBody ScoringRules rules) {
		return this.rules.replace(rules);
	}
}
