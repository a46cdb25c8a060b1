package dev.pulsecrm.sales.pipeline;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sales/pipeline")
class PipelineController {

	private final PipelineService pipelines;

	PipelineController(PipelineService pipelines) {
		this.pipelines = pipelines;
	}

	@GetMapping
	Pipeline get() {
		return this.pipelines.current();
	}

	@PutMapping
	Pipeline replace(@Valid @RequestBody Pipeline pipeline) {
		return this.pipelines.replace(pipeline);
	}
}
