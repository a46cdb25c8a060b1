package dev.pulsecrm.client.marketing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Per-item outcome of an engagement batch: 201 recorded, 200 duplicate (ignored), 4xx refused. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngagementBatchResult(int items, int recorded, int duplicates, int failed, List<ItemResult> results) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ItemResult(int index, int status, String id, String error) {
	}
}
