package dev.pulsecrm.kpi.facts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The facts cache of the KPI service ({@code crm.kpi.facts-cache.*}).
 *
 * @param ttl        how long a facts reply is served after it was computed (default 1s; {@code 0} turns the cache
 *                   off). A change in a domain service reaches {@code GET /api/kpis} within {@code ttl} plus the time
 *                   the facts computation itself takes, so the default keeps "a won deal shows up within 2 s" while a
 *                   facts call takes under half a second
 * @param maxEntries most replies kept; expired ones are dropped first (default 1000)
 */
@ConfigurationProperties("crm.kpi.facts-cache")
public record FactsCacheProperties(Duration ttl, Integer maxEntries) {

	public FactsCacheProperties {
		ttl = (ttl != null) ? ttl : Duration.ofSeconds(1);
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("crm.kpi.facts-cache.ttl must not be negative, got " + ttl);
		}
		maxEntries = (maxEntries != null) ? maxEntries : 1000;
	}
}
