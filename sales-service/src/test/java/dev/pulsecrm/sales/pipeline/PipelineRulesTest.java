package dev.pulsecrm.sales.pipeline;

import java.util.List;

import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineRulesTest {

	@Test
	void theDefaultPipelineHasTheFourDocumentedStages() {
		assertThat(Pipeline.DEFAULT.stages()).extracting(PipelineStage::key, PipelineStage::probability)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("QUALIFICATION", 0.10),
					org.assertj.core.groups.Tuple.tuple("NEEDS_ANALYSIS", 0.20),
					org.assertj.core.groups.Tuple.tuple("PROPOSAL", 0.50),
					org.assertj.core.groups.Tuple.tuple("NEGOTIATION", 0.75));
	}

	@Test
	void stagesAreKeptInTheirConfiguredOrder() {
		Pipeline checked = Pipeline.checked(new Pipeline(List.of(new PipelineStage("B", "b", 2, 0.5),
				new PipelineStage("A", "a", 1, 0.1))));
		assertThat(checked.stages()).extracting(PipelineStage::key).containsExactly("A", "B");
		assertThat(checked.first().key()).isEqualTo("A");
	}

	@Test
	void builtInOutcomesCannotBeRedefined() {
		for (String outcome : List.of("WON", "LOST")) {
			assertInvalid(new Pipeline(List.of(new PipelineStage(outcome, "x", 1, 1.0))), "stages[0].key");
		}
	}

	@Test
	void keysAndOrdersMustBeUniqueAndThereMustBeAStage() {
		assertInvalid(new Pipeline(List.of(new PipelineStage("A", "a", 1, 0.1), new PipelineStage("A", "b", 2, 0.2))),
				"stages[1].key");
		assertInvalid(new Pipeline(List.of(new PipelineStage("A", "a", 1, 0.1), new PipelineStage("B", "b", 1, 0.2))),
				"stages[1].order");
		assertInvalid(new Pipeline(List.of()), "stages");
	}

	@Test
	void anUnconfiguredStageHasProbabilityZeroAndIsRefusedForDeals() {
		assertThat(Pipeline.DEFAULT.probability("GONE")).isZero();
		assertThatThrownBy(() -> Pipeline.DEFAULT.requireStage("stage", "GONE"))
			.isInstanceOfSatisfying(ProblemException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
	}

	private static void assertInvalid(Pipeline pipeline, String field) {
		assertThatThrownBy(() -> Pipeline.checked(pipeline)).isInstanceOfSatisfying(ProblemException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ex.errors()).extracting(ProblemException.FieldError::field).containsExactly(field);
		});
	}
}
