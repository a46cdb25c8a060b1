package dev.pulsecrm.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code POST /api/{service}/import}: one result per non-blank NDJSON line, in order. A line with status
 * 201 was created, 200 was already there (same externalId), 4xx was refused and nothing of it was written.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportReport(int lines, int imported, int failed, List<LineResult> results) {

	/** The refused lines, empty when everything was imported. */
	public List<LineResult> refused() {
		return this.results.stream().filter(LineResult::refused).toList();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record LineResult(int line, String type, int status, String id, String error) {

		public boolean refused() {
			return this.status >= 300;
		}
	}
}
