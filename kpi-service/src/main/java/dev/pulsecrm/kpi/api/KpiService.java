package dev.pulsecrm.kpi.api;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.kpi.catalog.KpiCatalog;
import dev.pulsecrm.kpi.catalog.KpiDefinition;
import dev.pulsecrm.kpi.catalog.KpiValue;
import dev.pulsecrm.kpi.facts.SalesFactsClient;
import dev.pulsecrm.platform.grpc.DependencyUnavailableException;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;

import org.springframework.stereotype.Service;

/** Computes the catalogue for a period from the sources' facts; a source that is down only blanks its KPIs. */
@Service
public class KpiService {

	private final KpiCatalog catalog;

	private final SalesFactsClient sales;

	private final Clock clock = Clock.systemUTC();

	public KpiService(KpiCatalog catalog, SalesFactsClient sales) {
		this.catalog = catalog;
		this.sales = sales;
	}

	public KpiSnapshot snapshot(Instant from, Instant to) {
		Map<String, String> sources = new LinkedHashMap<>();
		List<KpiValue> kpis = new ArrayList<>();
		try {
			SalesFactsReply facts = this.sales.facts(from, to, null);
			sources.put(SalesFactsClient.SOURCE, "UP");
			kpis.addAll(this.catalog.sales(facts.getGroups(0)));
		}
		catch (DependencyUnavailableException ex) {
			sources.put(SalesFactsClient.SOURCE, "DOWN");
			for (KpiDefinition definition : this.catalog.definitions()) {
				if (definition.sources().contains(SalesFactsClient.SOURCE)) {
					kpis.add(KpiValue.unavailable(definition));
				}
			}
		}
		return new KpiSnapshot(from, to, this.clock.instant(), sources, kpis);
	}
}
