package dev.pulsecrm.marketing.engagement;

import java.util.List;

/** Per-item outcome of an engagement batch: 201 recorded, 200 duplicate (ignored), 4xx refused. */
public record EngagementBatchResult(int items, int recorded, int duplicates, int failed, List<ItemResult> results) {

	public record ItemResult(int index, int status, String id, String error) {
	}
}
