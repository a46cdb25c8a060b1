package dev.pulsecrm.systemtests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report table of a load run: per phase, requests, errors, latency percentiles, writes acknowledged vs found. */
final class PhaseReport {

	record Row(String phase, double seconds, long requests, long errors, long p50, long p99, long writesAcked,
			long writesFound) {
	}

	private PhaseReport() {
	}

	static List<Row> rows(List<String> phases, Map<String, Double> seconds, MixedLoad load, Set<String> foundIds) {
		Map<String, Row> rows = new LinkedHashMap<>();
		for (String phase : phases) {
			List<MixedLoad.Sample> samples = load.samples.stream().filter((s) -> s.phase().equals(phase)).toList();
			long[] millis = samples.stream().mapToLong(MixedLoad.Sample::millis).sorted().toArray();
			long errors = samples.stream().filter(MixedLoad.Sample::error).count();
			List<MixedLoad.Write> writes = load.writes.stream().filter((w) -> w.phase.equals(phase)).toList();
			long acked = writes.stream().filter(MixedLoad.Write::acknowledged).count();
			long found = writes.stream().filter((w) -> w.acknowledged() && foundIds.contains(w.id)).count();
			rows.put(phase, new Row(phase, seconds.getOrDefault(phase, 0.0), samples.size(), errors,
					percentile(millis, 50), percentile(millis, 99), acked, found));
		}
		return List.copyOf(rows.values());
	}

	static String table(String title, List<Row> rows) {
		StringBuilder text = new StringBuilder(title).append('\n');
		text.append(String.format("| %-12s | %8s | %9s | %7s | %8s | %8s | %13s | %11s |%n", "phase", "seconds",
				"requests", "errors", "p50 ms", "p99 ms", "writes acked", "writes found"));
		text.append("|--------------|----------|-----------|---------|----------|----------|---------------|-------------|\n");
		long requests = 0;
		long errors = 0;
		long acked = 0;
		long found = 0;
		double seconds = 0;
		for (Row row : rows) {
			text.append(String.format("| %-12s | %8.1f | %9d | %7d | %8d | %8d | %13d | %11d |%n", row.phase(),
					row.seconds(), row.requests(), row.errors(), row.p50(), row.p99(), row.writesAcked(),
					row.writesFound()));
			requests += row.requests();
			errors += row.errors();
			acked += row.writesAcked();
			found += row.writesFound();
			seconds += row.seconds();
		}
		text.append(String.format("| %-12s | %8.1f | %9d | %7d | %8s | %8s | %13d | %11d |%n", "total", seconds,
				requests, errors, "", "", acked, found));
		return text.toString();
	}

	/** Failed attempts by phase and status (-1: no HTTP answer, the connection failed). */
	static String errorStatuses(List<String> phases, MixedLoad load) {
		StringBuilder text = new StringBuilder("failed attempts by status:");
		for (String phase : phases) {
			Map<String, Long> counts = new java.util.TreeMap<>();
			load.samples.stream()
				.filter((s) -> s.phase().equals(phase) && s.error())
				.forEach((s) -> counts.merge((s.write() ? "POST " : "GET ") + s.status(), 1L, Long::sum));
			text.append(' ').append(phase).append(' ').append(counts).append(';');
		}
		return text.toString();
	}

	static void print(Path file, String text) {
		System.out.println(text);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
