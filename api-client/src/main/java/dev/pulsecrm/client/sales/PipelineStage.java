package dev.pulsecrm.client.sales;

/** One configured stage of the pipeline with its configured win probability. */
public record PipelineStage(String key, String name, int order, double probability) {
}
