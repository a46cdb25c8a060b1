package dev.pulsecrm.sales.pipeline;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pulsecrm.platform.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The ordered stages of the sales pipeline ({@code GET}/{@code PUT /pipeline}). {@code WON} and {@code LOST} are
 * built-in outcomes, not stages, so they cannot be configured.
 */
public record Pipeline(@NotNull @Valid List<PipelineStage> stages) {

	static final Set<String> OUTCOMES = Set.of("WON", "LOST");

	public static final Pipeline DEFAULT = new Pipeline(List.of(
			new PipelineStage("QUALIFICATION", "Qualification", 1, 0.10),
			new PipelineStage("NEEDS_ANALYSIS", "Needs analysis", 2, 0.20),
			new PipelineStage("PROPOSAL", "Proposal", 3, 0.50),
			new PipelineStage("NEGOTIATION", "Negotiation", 4, 0.75)));

	/** The stages in pipeline order after checking the rules bean validation cannot express (422). */
	static Pipeline checked(Pipeline pipeline) {
		if (pipeline.stages().isEmpty()) {
			throw ProblemException.invalid("stages", "must hold at least one stage");
		}
		Set<String> keys = new HashSet<>();
		Set<Integer> orders = new HashSet<>();
		for (int i = 0; i < pipeline.stages().size(); i++) {
			PipelineStage stage = pipeline.stages().get(i);
			if (OUTCOMES.contains(stage.key())) {
				throw ProblemException.invalid("stages[" + i + "].key", stage.key() + " is a built-in outcome");
			}
			if (!keys.add(stage.key())) {
				throw ProblemException.invalid("stages[" + i + "].key", "duplicate key " + stage.key());
			}
			if (!orders.add(stage.order())) {
				throw ProblemException.invalid("stages[" + i + "].order", "duplicate order " + stage.order());
			}
		}
		return new Pipeline(pipeline.stages().stream().sorted(Comparator.comparingInt(PipelineStage::order)).toList());
	}

	public Optional<PipelineStage> stage(String key) {
		return this.stages.stream().filter((stage) -> stage.key().equals(key)).findFirst();
	}

	public PipelineStage first() {
		return this.stages.get(0);
	}

	/** The stage a deal may be created in or moved to; an unknown key is invalid input (422). */
	public String requireStage(String field, String key) {
		if (stage(key).isEmpty()) {
			throw ProblemException.invalid(field, "unknown stage " + key + "; the pipeline has "
					+ this.stages.stream().map(PipelineStage::key).toList());
		}
		return key;
	}

	/** Configured probability of a stage; 0 for a stage that is no longer configured. */
	public double probability(String key) {
		return stage(key).map(PipelineStage::probability).orElse(0.0);
	}
}
