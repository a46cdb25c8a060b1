package dev.pulsecrm.demo.loading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.ImportReport.LineResult;
import dev.pulsecrm.client.marketing.Conversion;
import dev.pulsecrm.client.marketing.ConvertLead;
import dev.pulsecrm.client.marketing.MarketingClient;
import dev.pulsecrm.client.sales.SalesClient;
import dev.pulsecrm.client.support.SupportClient;
import dev.pulsecrm.demo.importing.ImportLine;
import dev.pulsecrm.demo.importing.ImportLines;
import dev.pulsecrm.demo.importing.Ndjson;
import dev.pulsecrm.demo.importing.ServerIds;
import dev.pulsecrm.demo.story.DemoStory;

import org.springframework.stereotype.Component;

/**
 * Loads a story through the public API, in the order the services depend on each other: marketing's import, the lead
 * conversions (marketing creates the accounts and deals in sales over gRPC), sales' import (the converted deals'
 * moves and outcomes by the ids the conversions returned, the other accounts and deals, churn), then support's
 * import (tickets and surveys of sales' accounts). Stops at the first refused line.
 */
@Component
public class DemoLoader {

	/** Lines per import request: each request stays well inside the gateway's response timeout. */
	static final int LINES_PER_REQUEST = 400;

	private static final int PARALLEL_CONVERSIONS = 4;

	private final MarketingClient marketing;

	private final SalesClient sales;

	private final SupportClient support;

	public DemoLoader(MarketingClient marketing, SalesClient sales, SupportClient support) {
		this.marketing = marketing;
		this.sales = sales;
		this.support = support;
	}

	/**
	 * Whether the platform already holds marketing data: the story's instants depend on when it is told, so a second
	 * load would not find its records again but tell a second, contradicting year.
	 */
	public boolean platformHasData() {
		return this.marketing.listCampaigns(null, null, null, null, 0, 1).total() > 0;
	}

	public LoadSummary load(DemoStory story) {
		LoadSummary summary = new LoadSummary();
		LearntIds ids = new LearntIds();

		long started = System.nanoTime();
		importAll("marketing", ImportLines.marketing(story), this.marketing::importLines, summary,
				(line, result) -> {
					if (line.type().equals("lead")) {
						ids.leads.put(line.externalId(), result.id());
					}
				});
		started = phase(summary, "marketing", started);

		convert(story, ids, summary);
		started = phase(summary, "conversions", started);

		importAll("sales", ImportLines.sales(story, ids), this.sales::importLines, summary, (line, result) -> {
			if (line.type().equals("account")) {
				ids.accounts.put(line.externalId(), result.id());
			}
		});
		started = phase(summary, "sales", started);

		importAll("support", ImportLines.support(story, ids), this.support::importLines, summary, (line, result) -> {
		});
		phase(summary, "support", started);
		return summary;
	}

	private static long phase(LoadSummary summary, String name, long started) {
		long now = System.nanoTime();
		summary.phase(name, Duration.ofNanos(now - started));
		return now;
	}

	/** Each qualified lead the story converts, converted at its past instant (several at once: they are independent). */
	private void convert(DemoStory story, LearntIds ids, LoadSummary summary) {
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CONVERSIONS);
		try {
			Map<String, Future<Conversion>> pending = new LinkedHashMap<>();
			for (DemoStory.Lead lead : story.leads()) {
				DemoStory.Conversion conversion = lead.conversion();
				if (conversion == null) {
					continue;
				}
				String leadId = ids.lead(lead.externalId());
				ConvertLead command = new ConvertLead(conversion.dealName(), conversion.amount(), conversion.ownerId(),
						conversion.team(), conversion.expectedCloseDate(), conversion.at());
				pending.put(lead.externalId(), pool.submit(() -> this.marketing.convertLead(leadId, command)));
			}
			for (Map.Entry<String, Future<Conversion>> entry : pending.entrySet()) {
				Conversion conversion = result(entry.getKey(), entry.getValue());
				ids.conversions.put(entry.getKey(), conversion);
				summary.count("marketing", "conversion", true);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Conversion result(String leadExternalId, Future<Conversion> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DemoLoadException("interrupted while converting " + leadExternalId);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new DemoLoadException("converting " + leadExternalId + " failed: " + ex.getCause());
		}
	}

	/** Imports the lines in requests of {@link #LINES_PER_REQUEST}; the first request with a refused line stops it. */
	private static void importAll(String service, List<ImportLine> lines, Function<String, ImportReport> importer,
			LoadSummary summary, ResultListener listener) {
		for (int from = 0; from < lines.size(); from += LINES_PER_REQUEST) {
			List<ImportLine> chunk = lines.subList(from, Math.min(lines.size(), from + LINES_PER_REQUEST));
			ImportReport report = importer.apply(Ndjson.of(chunk));
			if (report.results() == null || report.results().size() != chunk.size()) {
				throw new DemoLoadException(service + " answered " + (report.results() == null ? 0
						: report.results().size()) + " results for " + chunk.size() + " lines");
			}
			List<String> refused = new ArrayList<>();
			for (LineResult result : report.results()) {
				ImportLine line = chunk.get(result.line() - 1);
				if (result.refused()) {
					refused.add(service + " line " + (from + result.line()) + " (" + line.type()
							+ (line.externalId() == null ? "" : " " + line.externalId()) + "): " + result.status()
							+ " " + result.error());
					continue;
				}
				summary.count(service, line.type(), result.status() == 201);
				listener.accepted(line, result);
			}
			if (!refused.isEmpty()) {
				throw new DemoLoadException(refused.size() + " " + service + " import line(s) refused:\n  "
						+ String.join("\n  ", refused.subList(0, Math.min(20, refused.size())))
						+ (refused.size() > 20 ? "\n  …" : ""));
			}
		}
	}

	@FunctionalInterface
	private interface ResultListener {

		void accepted(ImportLine line, LineResult result);

	}

	/** The server ids learnt so far, looked up by the story's external ids. */
	private static final class LearntIds implements ServerIds {

		final Map<String, String> leads = new ConcurrentHashMap<>();

		final Map<String, Conversion> conversions = new ConcurrentHashMap<>();

		final Map<String, String> accounts = new ConcurrentHashMap<>();

		String lead(String externalId) {
			return required(this.leads.get(externalId), "lead", externalId);
		}

		@Override
		public String convertedAccountId(String leadExternalId) {
			Conversion conversion = this.conversions.get(leadExternalId);
			return required(conversion == null ? null : conversion.accountId(), "converted account of", leadExternalId);
		}

		@Override
		public String convertedDealId(String leadExternalId) {
			Conversion conversion = this.conversions.get(leadExternalId);
			return required(conversion == null ? null : conversion.dealId(), "converted deal of", leadExternalId);
		}

		@Override
		public String importedAccountId(String accountExternalId) {
			return required(this.accounts.get(accountExternalId), "account", accountExternalId);
		}

		private static String required(String id, String what, String externalId) {
			if (id == null) {
				throw new DemoLoadException("no server id for " + what + " " + externalId);
			}
			return id;
		}
	}
}
