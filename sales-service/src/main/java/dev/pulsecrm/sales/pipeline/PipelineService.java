package dev.pulsecrm.sales.pipeline;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.CallerProvider;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

@Service
public class PipelineService {

	private final PipelineRepository pipelines;

	private final MongoTemplate mongo;

	private final CallerProvider callers;

	PipelineService(PipelineRepository pipelines, MongoTemplate mongo, CallerProvider callers) {
		this.pipelines = pipelines;
		this.mongo = mongo;
		this.callers = callers;
	}

	/** The configured pipeline, or the default one until somebody configures it. */
	public Pipeline current() {
		return this.pipelines.findById(PipelineDocument.ID)
			.map((stored) -> new Pipeline(stored.stages()))
			.orElse(Pipeline.DEFAULT);
	}

	/**
	 * Replaces the stages. A stage that still holds open deals cannot be removed (409): those deals would sit in a
	 * stage nobody can see or weight. (A deal moved into that stage while this runs is not caught: the check is not
	 * transactional.)
	 */
	public Pipeline replace(Pipeline requested) {
		if (!this.callers.current().isManagerOrAdmin()) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "only a manager or admin may change the pipeline",
					List.of());
		}
		Pipeline pipeline = Pipeline.checked(requested);
		Set<String> kept = pipeline.stages().stream().map(PipelineStage::key).collect(Collectors.toSet());
		List<String> removed = current().stages()
			.stream()
			.map(PipelineStage::key)
			.filter((key) -> !kept.contains(key))
			.toList();
		if (!removed.isEmpty()) {
			Query openInRemoved = Query.query(Criteria.where("status").is("OPEN").and("stage").in(removed));
			long open = this.mongo.count(openInRemoved, "deals");
			if (open > 0) {
				throw ProblemException.conflict("cannot remove stages " + removed + ": " + open
						+ " open deals are still in them; move them first");
			}
		}
		Long version = this.pipelines.findById(PipelineDocument.ID).map(PipelineDocument::version).orElse(null);
		this.pipelines.save(new PipelineDocument(PipelineDocument.ID, pipeline.stages(), version));
		return pipeline;
	}
}
