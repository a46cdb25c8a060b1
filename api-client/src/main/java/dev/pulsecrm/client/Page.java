package dev.pulsecrm.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One page of a list endpoint: {@code {"items": [...], "page": 0, "size": 50, "total": 1234}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, int page, int size, long total) {
}
