package dev.pulsecrm.kpi.api;

import java.time.Duration;
import java.time.Instant;

import dev.pulsecrm.platform.problem.ProblemException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/kpis")
class KpiController {

	static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

	static final Duration MAX_PERIOD = Duration.ofDays(5 * 366);

	private final KpiService kpis;

	KpiController(KpiService kpis) {
		this.kpis = kpis;
	}

	@GetMapping
	KpiSnapshot snapshot(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
		Instant end = to != null ? to : Instant.now();
		Instant start = from != null ? from : end.minus(DEFAULT_PERIOD);
		if (!start.isBefore(end)) {
			throw ProblemException.badRequest("from", "must be before to");
		}
		if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
			throw ProblemException.badRequest("to", "the period must not exceed 5 years");
		}
		return this.kpis.snapshot(start, end);
	}
}
