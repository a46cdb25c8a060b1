package dev.pulsecrm.kpi.facts;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.Message;

/** The answers to one computation's facts calls, and how each source fared. */
public final class FetchedFacts {

	private final Map<FactsNeed, Message> replies;

	private final Map<FactsNeed.Source, SourceState> sources;

	private final Map<FactsNeed.Source, String> failures;

	FetchedFacts(Map<FactsNeed, Message> replies, Map<FactsNeed.Source, SourceState> sources,
			Map<FactsNeed.Source, String> failures) {
		this.replies = new EnumMap<>(FactsNeed.class);
		this.replies.putAll(replies);
		this.sources = new EnumMap<>(FactsNeed.Source.class);
		this.sources.putAll(sources);
		this.failures = new EnumMap<>(FactsNeed.Source.class);
		this.failures.putAll(failures);
	}

	/** The reply to a need, empty when the need was not asked for or its source failed. */
	@SuppressWarnings("unchecked")
	public <T extends Message> Optional<T> reply(FactsNeed need) {
		return Optional.ofNullable((T) this.replies.get(need));
	}

	public SourceState state(FactsNeed.Source source) {
		return this.sources.getOrDefault(source, SourceState.UP);
	}

	/** Whether every source the needs read from answered. */
	public boolean answered(Set<FactsNeed> needs) {
		return needs.stream().allMatch((need) -> state(need.source()) == SourceState.UP);
	}

	/** The state of every source that was asked, keyed by its name ({@code sales}, …) in a stable order. */
	public Map<String, SourceState> sources() {
		Map<String, SourceState> states = new LinkedHashMap<>();
		this.sources.forEach((source, state) -> states.put(source.key(), state));
		return states;
	}

	/** Why each failed source failed, for a readable 503. */
	public Map<FactsNeed.Source, String> failures() {
		return Map.copyOf(this.failures);
	}
}
