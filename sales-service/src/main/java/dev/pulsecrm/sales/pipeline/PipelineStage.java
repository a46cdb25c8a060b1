package dev.pulsecrm.sales.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One configured stage: a key deals refer to, a display name, its position and its configured win probability. */
public record PipelineStage(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,49}",
		message = "must be upper-case letters, digits and _ (at most 50)") String key,
		@NotBlank @Size(max = 100) String name, int order,
		@NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double probability) {
}
