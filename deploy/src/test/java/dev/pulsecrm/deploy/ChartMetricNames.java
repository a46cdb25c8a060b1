package dev.pulsecrm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus metric names the chart's Grafana dashboards ({@code dashboards/*.json}) and alert rules
 * ({@code rules/*.yaml}, not their {@code rules/tests/}) query: a pure function of the chart folder, so a
 * test can check them against what the running services really expose.
 *
 * <p>Names are returned exactly as written in the PromQL, which is the <em>series</em> name a scrape of
 * {@code /actuator/prometheus} shows: {@code http_server_requests_seconds_bucket} stays as is (it exists
 * only when the service publishes histogram buckets, which is worth checking), and so do
 * {@code _count}/{@code _sum}/{@code _max}. To compare with the metric <em>family</em> of a
 * {@code # TYPE} line instead, use {@link #familyOf(String)}, which strips only the histogram/summary
 * suffixes {@code _bucket}, {@code _count} and {@code _sum} (Micrometer's {@code _max} is a gauge family
 * of its own).
 *
 * <p>Only the project's metric namespaces are picked: {@code crm_*}, {@code http_server_*},
 * {@code jvm_*}, {@code process_*}, {@code resilience4j_*}, {@code spring_cloud_gateway_*},
 * {@code grpc_*}. Quoted strings (label values, regexes) are ignored, so {@code kpi="crm.roi"} or
 * {@code uri!~"/actuator.*"} never yield a name.
 */
public final class ChartMetricNames {

  /** An identifier in one of the project's metric namespaces, not part of a longer identifier. */
  public static final Pattern METRIC_NAME = Pattern.compile(
      "(?<![A-Za-z0-9_:])(crm_[a-z0-9_]+|http_server_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+|resilience4j_[a-z_]+"
          + "|spring_cloud_gateway_[a-z_]+|grpc_[a-z_]+)(?![A-Za-z0-9_:])");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern HISTOGRAM_SUFFIX = Pattern.compile("_(bucket|count|sum)$");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One PromQL expression and where it is: "dashboards/sales-pipeline.json: Win rate by team". */
  public record Expression(String source, String promql) {
  }

  private ChartMetricNames() {
  }

  /** Every metric name that a dashboard or an alert rule of the chart queries. */
  public static SortedSet<String> referencedMetricNames(Path chartDir) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(references(chartDir).keySet()));
  }

  /** Every referenced metric name with the places that query it (for readable failure messages). */
  public static SortedMap<String, SortedSet<String>> references(Path chartDir) {
    SortedMap<String, SortedSet<String>> references = new TreeMap<>();
    for (Expression expression : expressions(chartDir)) {
      for (String name : metricNamesIn(expression.promql())) {
        references.computeIfAbsent(name, key -> new TreeSet<>()).add(expression.source());
      }
    }
    return references;
  }

  /** The PromQL of every dashboard panel target and template variable, and of every alert rule. */
  public static List<Expression> expressions(Path chartDir) {
    List<Expression> expressions = new ArrayList<>();
    for (Path dashboard : files(chartDir.resolve("dashboards"), ".json")) {
      String source = "dashboards/" + dashboard.getFileName();
      JsonNode root = JSON.readTree(read(dashboard));
      panelExpressions(root.path("panels"), source, expressions);
      for (JsonNode variable : root.path("templating").path("list")) {
        JsonNode query = variable.path("query");
        String promql = query.isObject() ? query.path("query").asString("") : query.asString("");
        if ("query".equals(variable.path("type").asString("")) && !promql.isBlank()) {
          expressions.add(new Expression(source + ": variable " + variable.path("name").asString(""), promql));
        }
      }
    }
    for (Path rules : files(chartDir.resolve("rules"), ".yaml")) {
      String source = "rules/" + rules.getFileName();
      Map<String, Object> file = new Yaml().load(read(rules));
      for (Map<String, Object> group : RenderedManifests.<Map<String, Object>>list(file, "groups")) {
        for (Map<String, Object> rule : RenderedManifests.<Map<String, Object>>list(group, "rules")) {
          String name = String.valueOf(rule.getOrDefault("alert", rule.get("record")));
          expressions.add(new Expression(source + ": " + name, String.valueOf(rule.get("expr"))));
        }
      }
    }
    return expressions;
  }

  /** The metric names one PromQL expression reads, sorted. */
  public static SortedSet<String> metricNamesIn(String promql) {
    String withoutStrings = QUOTED.matcher(promql).replaceAll("\"\"");
    SortedSet<String> names = new TreeSet<>();
    Matcher matcher = METRIC_NAME.matcher(withoutStrings);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The metric family of a series name: {@code http_server_requests_seconds_bucket} → {@code http_server_requests_seconds}. */
  public static String familyOf(String seriesName) {
    return HISTOGRAM_SUFFIX.matcher(seriesName).replaceFirst("");
  }

  private static void panelExpressions(JsonNode panels, String source, List<Expression> into) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        String promql = target.path("expr").asString("");
        if (!promql.isBlank()) {
          into.add(new Expression(source + ": " + panel.path("title").asString(""), promql));
        }
      }
      panelExpressions(panel.path("panels"), source, into); // panels nested in collapsed rows
    }
  }

  private static List<Path> files(Path dir, String extension) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(extension)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
