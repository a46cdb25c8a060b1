package dev.pulsecrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulsecrm.deploy.RenderedManifests.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * k8s/ holds the chart rendered with its default values, for users without Helm, split in two files:
 * the platform, and the monitoring objects (ServiceMonitors, PrometheusRule and dashboards, which need
 * the Prometheus Operator CRDs and a Grafana sidecar). One value differs from the defaults: MongoDB's
 * passwords come from a Secret the user creates ({@code mongodb.auth.existingSecret}), because a
 * generated password is random on every render and a committed one would be a fixed secret.
 */
class PlainManifestsTest {

  static final Map<String, String> PLAIN_MANIFEST_VALUES = Map.of("mongodb.auth.existingSecret", "pulse-crm-mongodb",
      "serviceAuth.existingSecret", "pulse-crm-service-auth");
  static final String REGENERATE = "./mvnw -B -pl deploy verify -Dk8s.regenerate=true";
  private static final Predicate<Document> MONITORING = document ->
      List.of("ServiceMonitor", "PrometheusRule").contains(document.kind())
          || document.labels().containsKey("grafana_dashboard");

  @Test
  void plainManifestsAreWhatTheChartRendersWithDefaultValues() throws IOException {
    RenderedManifests rendered = PulseCrmChart.render("default", PLAIN_MANIFEST_VALUES);
    Map<Path, String> expected = Map.of(
        PulseCrmChart.k8sDir().resolve("pulse-crm.yaml"), file(rendered, MONITORING.negate(), "the platform"),
        PulseCrmChart.k8sDir().resolve("pulse-crm-monitoring.yaml"), file(rendered, MONITORING,
            "ServiceMonitors, PrometheusRule and Grafana dashboards (needs the Prometheus Operator CRDs)"));

    if (Boolean.getBoolean("k8s.regenerate")) {
      Files.createDirectories(PulseCrmChart.k8sDir());
      for (Map.Entry<Path, String> file : expected.entrySet()) {
        Files.writeString(file.getKey(), file.getValue());
      }
    }
    for (Map.Entry<Path, String> file : expected.entrySet()) {
      String actual = Files.exists(file.getKey()) ? Files.readString(file.getKey()) : "";
      assertThat(actual)
          .as("%s has drifted from `helm template` of helm/pulse-crm. Regenerate it with: %s "
              + "(or, without the reactor: ./mvnw -B -f deploy/pom.xml verify -Dk8s.regenerate=true), then review and commit k8s/",
              file.getKey(), REGENERATE)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void plainManifestsHoldNoSecretButReferToTheOneTheUserCreates() {
    RenderedManifests rendered = PulseCrmChart.render("default", PLAIN_MANIFEST_VALUES);

    assertThat(rendered.ofKind("Secret")).isEmpty();
    List<Map<String, Object>> mongoEnv = RenderedManifests.list(
        RenderedManifests.firstContainer(rendered.get("StatefulSet", "pulse-crm-mongodb")), "env");
    assertThat(mongoEnv).anySatisfy(variable -> {
      assertThat(variable.get("name")).isEqualTo("MONGO_INITDB_ROOT_PASSWORD");
      assertThat(RenderedManifests.at(variable, "valueFrom.secretKeyRef.name")).isEqualTo("pulse-crm-mongodb");
    });
  }

  private static String file(RenderedManifests rendered, Predicate<Document> selection, String content) {
    String header = """
        # Pulse CRM on Kubernetes without Helm: %s.
        # GENERATED from helm/pulse-crm (helm template pulse-crm helm/pulse-crm --namespace pulse-crm
        # --set mongodb.auth.existingSecret=pulse-crm-mongodb); do not edit by hand.
        # Regenerate: %s
        """.formatted(content, REGENERATE);
    return header + rendered.documents().stream()
        .filter(selection)
        .map(document -> "---\n" + document.text() + "\n")
        .collect(Collectors.joining());
  }
}
