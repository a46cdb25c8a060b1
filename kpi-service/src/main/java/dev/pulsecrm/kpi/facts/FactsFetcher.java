package dev.pulsecrm.kpi.facts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import com.google.protobuf.Message;
import dev.pulsecrm.platform.grpc.DependencyUnavailableException;
import io.grpc.StatusRuntimeException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Fans the facts calls of a computation out to sales, marketing and support in parallel. Only leaf gRPC calls run
 * on the bounded executor (callers wait on their own thread), so a series of many periods cannot deadlock it.
 * Identical calls (same source, period and split) are made once, and their replies are shared through the
 * {@link FactsCache} for its freshness bound.
 */
@Component
public class FactsFetcher {

	/** A split by {@code channel} asks sales by campaign and rolls campaigns up with marketing's channel map. */
	public static final String CHANNEL = "channel";

	public static final String CAMPAIGN = "campaign";

	private final SalesFactsClient sales;

	private final MarketingFactsClient marketing;

	private final SupportFactsClient support;

	private final ExecutorService executor;

	private final FactsCache cache;

	public FactsFetcher(SalesFactsClient sales, MarketingFactsClient marketing, SupportFactsClient support,
			@Qualifier("factsExecutor") ExecutorService executor, FactsCache cache) {
		this.sales = sales;
		this.marketing = marketing;
		this.support = support;
		this.executor = executor;
		this.cache = cache;
	}

	/** Starts the calls for {@code needs} over {@code period}, split by {@code dimension} (empty: totals). */
	public Pending start(Period period, Set<FactsNeed> needs, String dimension) {
		String split = dimension == null ? "" : dimension;
		Map<Call, CompletableFuture<Message>> calls = new LinkedHashMap<>();
		Map<FactsNeed, Call> callOfNeed = new EnumMap<>(FactsNeed.class);
		for (FactsNeed need : needs) {
			Call call = call(need, period, split);
			callOfNeed.put(need, call);
			calls.computeIfAbsent(call, (c) -> this.cache.get(c,
					() -> CompletableFuture.supplyAsync(() -> c.make(this), this.executor)));
		}
		return new Pending(calls, callOfNeed);
	}

	/** Starts every period's calls before waiting for any (a series' buckets run side by side). */
	public List<FetchedFacts> fetchAll(List<Period> periods, Set<FactsNeed> needs, String dimension) {
		List<Pending> pending = new ArrayList<>();
		for (Period period : periods) {
			pending.add(start(period, needs, dimension));
		}
		return pending.stream().map(Pending::join).toList();
	}

	public FetchedFacts fetch(Period period, Set<FactsNeed> needs, String dimension) {
		return start(period, needs, dimension).join();
	}

	static Call call(FactsNeed need, Period period, String split) {
		String salesSplit = CHANNEL.equals(split) ? CAMPAIGN : split;
		return switch (need) {
			case SALES -> new Call(FactsNeed.Source.SALES, period, salesSplit);
			case SALES_BY_CAMPAIGN -> new Call(FactsNeed.Source.SALES, period, CAMPAIGN);
			case PREVIOUS_SALES -> new Call(FactsNeed.Source.SALES, period.previous(), salesSplit);
			// only unsplit KPIs (CLV) read the trailing year
			case TRAILING_YEAR_SALES -> new Call(FactsNeed.Source.SALES, period.trailingYear(), "");
			case MARKETING -> new Call(FactsNeed.Source.MARKETING, period, split);
			case SUPPORT -> new Call(FactsNeed.Source.SUPPORT, period, split);
		};
	}

	record Call(FactsNeed.Source source, Period period, String groupBy) {

		Message make(FactsFetcher fetcher) {
			return switch (this.source) {
				case SALES -> fetcher.sales.facts(this.period.from(), this.period.to(), this.groupBy);
				case MARKETING -> fetcher.marketing.facts(this.period.from(), this.period.to(), this.groupBy);
				case SUPPORT -> fetcher.support.facts(this.period.from(), this.period.to(), this.groupBy);
			};
		}

	}

	/** Calls under way; {@link #join()} waits for all of them and records which sources failed. */
	public static final class Pending {

		private final Map<Call, CompletableFuture<Message>> calls;

		private final Map<FactsNeed, Call> callOfNeed;

		Pending(Map<Call, CompletableFuture<Message>> calls, Map<FactsNeed, Call> callOfNeed) {
			this.calls = calls;
			this.callOfNeed = callOfNeed;
		}

		public FetchedFacts join() {
			Map<FactsNeed.Source, SourceState> sources = new EnumMap<>(FactsNeed.Source.class);
			Map<FactsNeed.Source, String> failures = new EnumMap<>(FactsNeed.Source.class);
			Map<Call, Message> answers = new LinkedHashMap<>();
			this.calls.forEach((call, future) -> {
				sources.putIfAbsent(call.source(), SourceState.UP);
				try {
					answers.put(call, future.join());
				}
				catch (CompletionException ex) {
					if (ex.getCause() instanceof DependencyUnavailableException unavailable) {
						sources.put(call.source(), SourceState.DOWN);
						failures.put(call.source(), unavailable.getMessage());
					}
					else if (ex.getCause() instanceof StatusRuntimeException refused) {
						sources.merge(call.source(), SourceState.ERROR,
								(a, b) -> (a == SourceState.DOWN) ? a : b);
						failures.putIfAbsent(call.source(), call.source().key() + " refused the facts call: "
								+ refused.getStatus().getCode() + " " + refused.getStatus().getDescription());
					}
					else {
						throw ex;
					}
				}
			});
			Map<FactsNeed, Message> replies = new EnumMap<>(FactsNeed.class);
			this.callOfNeed.forEach((need, call) -> {
				Message answer = answers.get(call);
				if (answer != null) {
					replies.put(need, answer);
				}
			});
			return new FetchedFacts(replies, sources, failures);
		}

	}

}
