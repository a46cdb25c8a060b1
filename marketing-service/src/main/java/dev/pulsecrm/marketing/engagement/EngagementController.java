package dev.pulsecrm.marketing.engagement;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EngagementController {

	private final EngagementService engagement;

	EngagementController(EngagementService engagement) {
		this.engagement = engagement;
	}

	/** Records engagement events item by item (at most {@value EngagementService#MAX_BATCH}); always 200 with per-item results. */
	@PostMapping("/api/marketing/campaigns/{id}/events")
	EngagementBatchResult record(@PathVariable String id, @RequestBody List<EngagementItem> items) {
		return this.engagement.recordBatch(id, items);
	}
}
