package dev.pulsecrm.client.sales;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET/PUT /api/sales/pipeline}; {@code WON} and {@code LOST} are built-in outcomes, not stages. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pipeline(List<PipelineStage> stages) {
}
