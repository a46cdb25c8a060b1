package dev.pulsecrm.marketing.scoring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * One rule: a lead whose {@code field} satisfies {@code op value} gets {@code points} (may be negative). The value
 * is text for EQ and CONTAINS, a list of texts for IN, a number for GTE and LTE.
 */
public record ScoringRule(@NotBlank String field, @NotNull RuleOp op, @NotNull Object value,
		@Min(-1000) @Max(1000) int points) {
}
