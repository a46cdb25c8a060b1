package dev.pulsecrm.systemtests;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition. */
final class PrometheusText {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)",
			Pattern.MULTILINE);

	private PrometheusText() {
	}

	/** The value of the first sample of {@code name} carrying all of {@code labels}, or null. */
	static BigDecimal value(String exposition, String name, Map<String, String> labels) {
		Matcher matcher = SAMPLE.matcher(exposition);
		while (matcher.find()) {
			if (!matcher.group(1).equals(name)) {
				continue;
			}
			String labelText = matcher.group(3) == null ? "" : matcher.group(3);
			boolean all = labels.entrySet()
				.stream()
				.allMatch((label) -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
			if (all) {
				return new BigDecimal(matcher.group(4));
			}
		}
		return null;
	}

	/** Every metric family name in the exposition. */
	static java.util.Set<String> names(String exposition) {
		java.util.Set<String> names = new java.util.TreeSet<>();
		Matcher matcher = SAMPLE.matcher(exposition);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}
}
