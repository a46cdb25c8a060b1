package dev.pulsecrm.client.kpi;

import java.time.Instant;
import java.util.List;

import dev.pulsecrm.client.PulseCrmFeignConfiguration;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The KPI API ({@code /api/kpis}) through the gateway (a MANAGER or ADMIN token). Periods are {@code [from, to)};
 * absent, the last 30 days.
 */
@FeignClient(name = "kpis", url = "${pulsecrm.api.url:http://localhost:8080}", path = "/api/kpis",
		configuration = PulseCrmFeignConfiguration.class)
public interface KpiClient {

	@GetMapping
	KpiSnapshot snapshot(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) List<String> keys);

	@GetMapping("/catalog")
	List<CatalogEntry> catalog();

	@GetMapping("/{key}")
	KpiBreakdown breakdown(@PathVariable String key, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(required = false) String groupBy);

	/** {@code interval}: day, week or month. */
	@GetMapping("/{key}/series")
	List<SeriesPoint> series(@PathVariable String key, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(required = false) String interval);
}
