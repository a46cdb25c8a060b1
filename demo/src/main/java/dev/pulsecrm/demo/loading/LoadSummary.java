package dev.pulsecrm.demo.loading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What was loaded, per service and record kind: created now, or already there from an earlier run. */
public final class LoadSummary {

	private final Map<String, Map<String, int[]>> counts = new LinkedHashMap<>();

	private final Map<String, Duration> phases = new LinkedHashMap<>();

	void count(String service, String type, boolean created) {
		int[] count = this.counts.computeIfAbsent(service, (s) -> new LinkedHashMap<>())
			.computeIfAbsent(type, (t) -> new int[2]);
		count[created ? 0 : 1]++;
	}

	void phase(String name, Duration took) {
		this.phases.put(name, took);
	}

	/** Created plus existing records of one kind. */
	public int total(String service, String type) {
		int[] count = this.counts.getOrDefault(service, Map.of()).get(type);
		return count == null ? 0 : count[0] + count[1];
	}

	public int created(String service, String type) {
		int[] count = this.counts.getOrDefault(service, Map.of()).get(type);
		return count == null ? 0 : count[0];
	}

	public Duration took() {
		return this.phases.values().stream().reduce(Duration.ZERO, Duration::plus);
	}

	public List<String> table() {
		List<String> rows = new ArrayList<>();
		rows.add(String.format(Locale.ROOT, "%-10s %-13s %8s %9s", "service", "record", "created", "existing"));
		int created = 0;
		int existing = 0;
		for (var service : this.counts.entrySet()) {
			for (var type : service.getValue().entrySet()) {
				rows.add(String.format(Locale.ROOT, "%-10s %-13s %8d %9d", service.getKey(), type.getKey(),
						type.getValue()[0], type.getValue()[1]));
				created += type.getValue()[0];
				existing += type.getValue()[1];
			}
		}
		rows.add(String.format(Locale.ROOT, "%-10s %-13s %8d %9d", "all", "", created, existing));
		StringBuilder phases = new StringBuilder("time:");
		this.phases.forEach((name, took) -> phases.append(String.format(Locale.ROOT, " %s %.1f s,", name,
				took.toMillis() / 1000.0)));
		rows.add(phases.append(String.format(Locale.ROOT, " total %.1f s", took().toMillis() / 1000.0)).toString());
		return rows;
	}
}
