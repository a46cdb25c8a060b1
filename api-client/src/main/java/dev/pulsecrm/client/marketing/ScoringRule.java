package dev.pulsecrm.client.marketing;

/** A lead whose {@code field} satisfies {@code op value} gets {@code points}: text, a list of texts, or a number. */
public record ScoringRule(String field, RuleOp op, Object value, int points) {
}
