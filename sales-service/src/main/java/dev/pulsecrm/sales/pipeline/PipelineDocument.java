package dev.pulsecrm.sales.pipeline;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** The stored pipeline: one document, so a change replaces all stages at once. */
@Document("pipeline")
record PipelineDocument(@Id String id, List<PipelineStage> stages, @Version Long version) {

	static final String ID = "default";

}
