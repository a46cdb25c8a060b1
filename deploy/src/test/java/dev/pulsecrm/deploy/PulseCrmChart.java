package dev.pulsecrm.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The chart under test, rendered with real Helm (helm-java's bundled library) as release "pulse-crm". */
final class PulseCrmChart {

  static final String RELEASE = "pulse-crm";
  static final String NAMESPACE = "pulse-crm";
  /** The five deployables, as keyed in values.yaml. */
  static final java.util.List<String> SERVICES =
      java.util.List.of("gateway", "sales-service", "marketing-service", "support-service", "kpi-service");

  private PulseCrmChart() {
  }

  static Path chartDir() {
    return existingDir("chart.dir");
  }

  static Path k8sDir() {
    return Path.of(System.getProperty("k8s.dir")).toAbsolutePath().normalize();
  }

  /** A value set under src/test/resources/values/, e.g. "external-mongodb". */
  static Path valuesFile(String name) {
    Path file = Path.of("src/test/resources/values", name + ".yaml").toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no value set " + file);
    }
    return file;
  }

  static LintResult lintStrict() {
    return new Helm(chartDir()).lint().strict().call();
  }

  /** Renders with the default values plus the named value sets ("default" adds none) and --set pairs. */
  static RenderedManifests render(String valueSet, Map<String, String> sets) {
    FakeKubernetesApi.shared(); // Helm's lookup must meet the loopback fake, never a real cluster
    TemplateCommand template = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (!valueSet.equals("default")) {
      template = template.withValuesFile(valuesFile(valueSet));
    }
    for (Map.Entry<String, String> set : sets.entrySet()) {
      template = template.set(set.getKey(), set.getValue());
    }
    return RenderedManifests.parse(template.call());
  }

  static RenderedManifests render(String valueSet) {
    return render(valueSet, Map.of());
  }

  private static Path existingDir(String property) {
    String dir = System.getProperty(property);
    if (dir == null) {
      throw new IllegalStateException("system property " + property + " is not set: run through Maven (./mvnw -pl deploy verify)");
    }
    Path path = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException(property + " " + path + " is not a directory");
    }
    return path;
  }
}
