package dev.pulsecrm.client.sales;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One stay of a deal in a stage; {@code exitedAt} is null while the deal is still there. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageVisit(String stage, Instant enteredAt, Instant exitedAt) {
}
