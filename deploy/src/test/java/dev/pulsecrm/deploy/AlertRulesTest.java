package dev.pulsecrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The alert rules file: valid for promtool, unit-tested alert by alert, and shipped verbatim in the PrometheusRule. */
class AlertRulesTest {

  private static final Path RULES = PulseCrmChart.chartDir().resolve("rules/pulse-crm-alerts.yaml");

  @Test
  void promtoolAcceptsTheRulesFile() throws Exception {
    ProcessResult result = promtool("check", "rules", RULES.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertBehavesAsItsPromtoolUnitTestsExpect() throws Exception {
    List<String> command = new ArrayList<>(List.of("test", "rules"));
    testFiles().forEach(file -> command.add(file.toString()));

    ProcessResult result = promtool(command.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void everyAlertHasAUnitTestThatSeesItFireAndStayQuiet() throws IOException {
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (Path file : testFiles()) {
      Map<String, Object> tests = new Yaml().load(Files.readString(file));
      for (Map<String, Object> test : RenderedManifests.<Map<String, Object>>list(tests, "tests")) {
        for (Map<String, Object> check : RenderedManifests.<Map<String, Object>>list(test, "alert_rule_test")) {
          List<?> expected = RenderedManifests.list(check, "exp_alerts");
          (expected.isEmpty() ? quiet : firing).add((String) check.get("alertname"));
        }
      }
    }

    assertThat(firing).as("alerts seen firing in rules/tests").isEqualTo(alertNames());
    assertThat(quiet).as("alerts seen staying quiet in rules/tests").isEqualTo(alertNames());
  }

  @Test
  void thePrometheusRuleCarriesTheRulesFileUnchanged() throws IOException {
    RenderedManifests manifests = PulseCrmChart.render("default");
    Map<String, Object> rulesFile = new Yaml().load(Files.readString(RULES));

    assertThat(manifests.ofKind("PrometheusRule")).singleElement()
        .satisfies(rule -> assertThat(rule.object().get("spec")).isEqualTo(rulesFile));
  }

  @Test
  void everyAlertHasASeverityAndASummary() throws IOException {
    Map<String, Object> rulesFile = new Yaml().load(Files.readString(RULES));
    for (Map<String, Object> group : RenderedManifests.<Map<String, Object>>list(rulesFile, "groups")) {
      for (Map<String, Object> rule : RenderedManifests.<Map<String, Object>>list(group, "rules")) {
        assertThat(RenderedManifests.str(rule, "labels.severity")).as("%s", rule.get("alert")).isIn("warning", "critical");
        assertThat(RenderedManifests.str(rule, "annotations.summary")).as("%s", rule.get("alert")).isNotBlank();
        assertThat(rule.get("for")).as("%s waits before firing", rule.get("alert")).isNotNull();
      }
    }
  }

  static Set<String> alertNames() throws IOException {
    Map<String, Object> rulesFile = new Yaml().load(Files.readString(RULES));
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> group : RenderedManifests.<Map<String, Object>>list(rulesFile, "groups")) {
      for (Map<String, Object> rule : RenderedManifests.<Map<String, Object>>list(group, "rules")) {
        names.add((String) rule.get("alert"));
      }
    }
    return names;
  }

  private static List<Path> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(RULES.resolveSibling("tests"))) {
      List<Path> tests = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      assertThat(tests).as("promtool test files in rules/tests").isNotEmpty();
      return tests;
    }
  }

  private record ProcessResult(int exitCode, String output) {
  }

  private static ProcessResult promtool(String... arguments) throws Exception {
    Path promtool = onPath("promtool");
    assumeTrue(promtool != null, "promtool is not on PATH: the alert rules were NOT checked. "
        + "Install it (Debian/Ubuntu: apt-get install prometheus) to run this test; CI does.");
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(RULES.getParent().toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish within 60 s: " + output);
    }
    return new ProcessResult(process.exitValue(), output);
  }

  private static Path onPath(String executable) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
