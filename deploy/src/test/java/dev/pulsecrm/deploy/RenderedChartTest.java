package dev.pulsecrm.deploy;

import static dev.pulsecrm.deploy.PulseCrmChart.SERVICES;
import static dev.pulsecrm.deploy.RenderedManifests.at;
import static dev.pulsecrm.deploy.RenderedManifests.firstContainer;
import static dev.pulsecrm.deploy.RenderedManifests.list;
import static dev.pulsecrm.deploy.RenderedManifests.map;
import static dev.pulsecrm.deploy.RenderedManifests.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulsecrm.deploy.RenderedManifests.Document;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Object-by-object checks that must hold for every supported value set: the defaults, an external
 * MongoDB, the ingress on, autoscaling off.
 */
class RenderedChartTest {

  private static final Map<String, RenderedManifests> RENDERED = new ConcurrentHashMap<>();

  private static RenderedManifests rendered(String valueSet) {
    return RENDERED.computeIfAbsent(valueSet, PulseCrmChart::render);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void everyServiceHasADeploymentServiceConfigMapAndServiceAccount(String valueSet) {
    RenderedManifests manifests = rendered(valueSet);

    for (String service : SERVICES) {
      String name = "pulse-crm-" + service;
      for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount")) {
        assertThat(manifests.find(kind, name)).as("%s %s", kind, name).isPresent();
      }
    }
    assertThat(manifests.ofKind("Deployment")).hasSize(SERVICES.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void podsRunAsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities(String valueSet) {
    for (Document workload : workloads(rendered(valueSet))) {
      Map<String, Object> pod = map(workload.object(), "spec.template.spec");
      Map<String, Object> container = firstContainer(workload);
      String what = workload.kind() + " " + workload.name();

      assertThat(at(pod, "securityContext.runAsNonRoot")).as(what).isEqualTo(true);
      assertThat((Integer) at(pod, "securityContext.runAsUser")).as(what).isPositive();
      assertThat(at(pod, "securityContext.seccompProfile.type")).as(what).isEqualTo("RuntimeDefault");
      assertThat(at(pod, "automountServiceAccountToken")).as(what).isEqualTo(false);
      assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as(what).isEqualTo(true);
      assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(what).isEqualTo(false);
      assertThat(list(container, "securityContext.capabilities.drop")).as(what).containsExactly("ALL");
      assertThat(list(container, "securityContext.capabilities.add")).as(what).isEmpty();
      // the read-only root needs a writable /tmp
      List<Map<String, Object>> mounts = list(container, "volumeMounts");
      Map<String, Object> tmp = mounts.stream().filter(mount -> "/tmp".equals(mount.get("mountPath"))).findFirst()
          .orElseThrow(() -> new AssertionError(what + " mounts no /tmp"));
      List<Map<String, Object>> volumes = list(pod, "volumes");
      assertThat(volumes).as(what).anySatisfy(volume -> {
        assertThat(volume.get("name")).isEqualTo(tmp.get("name"));
        assertThat(volume).containsKey("emptyDir");
      });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void everyContainerHasCpuAndMemoryRequestsAndLimits(String valueSet) {
    for (Document workload : workloads(rendered(valueSet))) {
      Map<String, Object> resources = map(firstContainer(workload), "resources");
      for (String bound : List.of("requests", "limits")) {
        assertThat(map(resources, bound)).as("%s %s", workload.name(), bound).containsKeys("cpu", "memory");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void servicesAreProbedOnTheActuatorHealthGroupsAndGrpcHealth(String valueSet) {
    RenderedManifests manifests = rendered(valueSet);
    for (String service : SERVICES) {
      Map<String, Object> container = firstContainer(manifests.get("Deployment", "pulse-crm-" + service));
      boolean grpc = list(container, "ports").stream().anyMatch(port -> "grpc".equals(((Map<?, ?>) port).get("name")));

      assertThat(str(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
      assertThat(str(container, "livenessProbe.httpGet.port")).isEqualTo("management");
      assertThat(str(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
      assertThat(str(container, "readinessProbe.httpGet.port")).isEqualTo("management");
      if (grpc) {
        assertThat(at(container, "startupProbe.grpc.port")).as(service).isEqualTo(9090);
      } else {
        assertThat(str(container, "startupProbe.httpGet.path")).as(service).isEqualTo("/actuator/health/liveness");
      }
      // a slow JVM start must not be killed by the liveness probe: the startup probe allows minutes
      int startupSeconds = (Integer) at(container, "startupProbe.periodSeconds")
          * (Integer) at(container, "startupProbe.failureThreshold");
      assertThat(startupSeconds).as(service).isGreaterThanOrEqualTo(120);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void everySelectorMatchesThePodsOfExactlyOneWorkload(String valueSet) {
    RenderedManifests manifests = rendered(valueSet);
    List<Document> workloads = workloads(manifests);
    for (Document workload : workloads) {
      Map<String, String> selector = map(workload.object(), "spec.selector.matchLabels");
      assertThat(podLabels(workload)).as("%s selects its own pods", workload.name()).containsAllEntriesOf(selector);
    }
    for (Document service : manifests.ofKind("Service")) {
      assertSelectsExactlyOne(workloads, map(service.object(), "spec.selector"), "Service " + service.name());
    }
    for (Document pdb : manifests.ofKind("PodDisruptionBudget")) {
      assertSelectsExactlyOne(workloads, map(pdb.object(), "spec.selector.matchLabels"), "PDB " + pdb.name());
    }
    for (Document policy : manifests.ofKind("NetworkPolicy")) {
      if (!policy.name().endsWith("-default-deny")) {
        assertSelectsExactlyOne(workloads, map(policy.object(), "spec.podSelector.matchLabels"), "NetworkPolicy " + policy.name());
      }
    }
    for (Document hpa : manifests.ofKind("HorizontalPodAutoscaler")) {
      assertThat(manifests.find(str(hpa.object(), "spec.scaleTargetRef.kind"), str(hpa.object(), "spec.scaleTargetRef.name")))
          .as("target of HPA %s", hpa.name()).isPresent();
    }
    for (Document monitor : manifests.ofKind("ServiceMonitor")) {
      Map<String, String> labels = map(monitor.object(), "spec.selector.matchLabels");
      List<Document> scraped = manifests.ofKind("Service").stream()
          .filter(service -> service.labels().entrySet().containsAll(labels.entrySet()))
          .filter(service -> !service.labels().containsKey("pulsecrm.dev/grpc-headless"))
          .toList();
      assertThat(scraped).as("Services scraped by %s", monitor.name()).hasSize(1);
      assertThat(list(scraped.get(0).object(), "spec.ports")).anySatisfy(port -> assertThat(((Map<?, ?>) port).get("name")).isEqualTo("management"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void everyServiceHasOneDisruptionBudgetOneNetworkPolicyAndOneServiceMonitor(String valueSet) {
    RenderedManifests manifests = rendered(valueSet);
    for (String service : SERVICES) {
      assertThat(manifests.ofKind("PodDisruptionBudget", service)).as(service).hasSize(1);
      assertThat(manifests.ofKind("NetworkPolicy", service)).as(service).hasSize(1);
      assertThat(manifests.ofKind("ServiceMonitor", service)).as(service).hasSize(1);
      assertThat(str(manifests.ofKind("ServiceMonitor", service).get(0).object(), "spec.endpoints")).contains("/actuator/prometheus");
    }
    Document defaultDeny = manifests.get("NetworkPolicy", "pulse-crm-default-deny");
    assertThat(list(defaultDeny.object(), "spec.policyTypes")).containsExactly("Ingress", "Egress");
    assertThat(map(defaultDeny.object(), "spec")).doesNotContainKeys("ingress", "egress");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void serviceAccountsMountNoApiToken(String valueSet) {
    List<Document> accounts = rendered(valueSet).ofKind("ServiceAccount");

    assertThat(accounts).hasSizeGreaterThanOrEqualTo(SERVICES.size());
    assertThat(accounts).allSatisfy(account -> assertThat(account.object().get("automountServiceAccountToken")).isEqualTo(false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void podsCarryAChecksumOfTheirConfiguration(String valueSet) {
    for (Document workload : workloads(rendered(valueSet))) {
      assertThat(str(workload.object(), "spec.template.metadata.annotations.checksum/config"))
          .as(workload.name()).matches("[0-9a-f]{64}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void everyObjectCarriesTheStandardLabelsAndTheReleaseNamespace(String valueSet) {
    for (Document document : rendered(valueSet).documents()) {
      assertThat(document.labels()).as("%s %s", document.kind(), document.name())
          .containsEntry("app.kubernetes.io/name", "pulse-crm")
          .containsEntry("app.kubernetes.io/instance", PulseCrmChart.RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("app.kubernetes.io/part-of", "pulse-crm")
          .containsKeys("app.kubernetes.io/version", "helm.sh/chart");
      assertThat(str(document.object(), "metadata.namespace")).isEqualTo(PulseCrmChart.NAMESPACE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void grpcClientsResolveEveryReplicaThroughAHeadlessService(String valueSet) {
    RenderedManifests manifests = rendered(valueSet);
    for (String service : List.of("sales-service", "marketing-service", "support-service", "kpi-service")) {
      Document headless = manifests.get("Service", "pulse-crm-" + service + "-grpc");
      assertThat(str(headless.object(), "spec.clusterIP")).isEqualTo("None");
      assertThat(str(headless.object(), "spec.ports")).contains("port=9090");
      Map<String, String> env = map(manifests.get("ConfigMap", "pulse-crm-" + service).object(), "data");
      assertThat(env).containsEntry("SPRING_GRPC_SERVER_PORT", "9090")
          .containsEntry("SPRING_GRPC_SERVER_KEEPALIVE_CONNECTION_MAX_AGE", "5m");
    }
    assertThat(manifests.find("Service", "pulse-crm-gateway-grpc")).isEmpty();
    Map<String, String> kpiEnv = map(manifests.get("ConfigMap", "pulse-crm-kpi-service").object(), "data");
    assertThat(kpiEnv)
        .containsEntry("SALES_GRPC_TARGET", "dns:///pulse-crm-sales-service-grpc.pulse-crm.svc.cluster.local:9090")
        .containsEntry("MARKETING_GRPC_TARGET", "dns:///pulse-crm-marketing-service-grpc.pulse-crm.svc.cluster.local:9090")
        .containsEntry("SUPPORT_GRPC_TARGET", "dns:///pulse-crm-support-service-grpc.pulse-crm.svc.cluster.local:9090");
    assertThat(map(manifests.get("ConfigMap", "pulse-crm-marketing-service").object(), "data"))
        .containsEntry("SALES_GRPC_TARGET", "dns:///pulse-crm-sales-service-grpc.pulse-crm.svc.cluster.local:9090")
        .doesNotContainKeys("SUPPORT_GRPC_TARGET", "MARKETING_GRPC_TARGET");
    assertThat(map(manifests.get("ConfigMap", "pulse-crm-gateway").object(), "data"))
        .containsEntry("SALES_URL", "http://pulse-crm-sales-service:8080")
        .containsEntry("MARKETING_URL", "http://pulse-crm-marketing-service:8080")
        .containsEntry("SUPPORT_URL", "http://pulse-crm-support-service:8080")
        .containsEntry("KPI_URL", "http://pulse-crm-kpi-service:8080")
        .containsEntry("SERVER_PORT", "8080")
        .doesNotContainKey("SPRING_GRPC_SERVER_PORT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void everyServiceValidatesTokensOfTheConfiguredIssuer(String valueSet) {
    RenderedManifests manifests = rendered(valueSet);
    for (String service : SERVICES) {
      assertThat(map(manifests.get("ConfigMap", "pulse-crm-" + service).object(), "data"))
          .containsEntry("CRM_JWT_ISSUER_URI", "https://idp.example.com/realms/pulse-crm")
          .containsEntry("CRM_JWT_JWK_SET_URI", "https://idp.example.com/realms/pulse-crm/protocol/openid-connect/certs")
          .containsKey("JAVA_TOOL_OPTIONS");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "external-mongodb", "ingress", "autoscaling-off"})
  void dashboardsAreConfigMapsForTheGrafanaSidecarWithoutAHardCodedDatasource(String valueSet) {
    List<Document> dashboards = rendered(valueSet).ofKind("ConfigMap").stream()
        .filter(configMap -> "1".equals(configMap.labels().get("grafana_dashboard")))
        .toList();

    assertThat(dashboards).extracting(Document::name).containsExactlyInAnyOrder(
        "pulse-crm-dashboard-executive-overview", "pulse-crm-dashboard-sales-pipeline", "pulse-crm-dashboard-marketing",
        "pulse-crm-dashboard-customer-service", "pulse-crm-dashboard-platform-health");
    for (Document dashboard : dashboards) {
      Map<String, String> data = map(dashboard.object(), "data");
      assertThat(data).hasSize(1);
      String json = data.values().iterator().next();
      assertThat(json).contains("\"uid\": \"${datasource}\"");
      DashboardsTest.assertEveryDatasourceIsTheVariable(dashboard.name(), json);
    }
  }

  private static void assertSelectsExactlyOne(List<Document> workloads, Map<String, String> selector, String what) {
    assertThat(selector).as("%s selector", what).isNotEmpty();
    assertThat(workloads.stream().filter(workload -> podLabels(workload).entrySet().containsAll(selector.entrySet())))
        .as("workloads whose pods %s selects", what).hasSize(1);
  }

  private static Map<String, String> podLabels(Document workload) {
    return map(workload.object(), "spec.template.metadata.labels");
  }

  private static List<Document> workloads(RenderedManifests manifests) {
    return manifests.documents().stream()
        .filter(document -> List.of("Deployment", "StatefulSet").contains(document.kind()))
        .toList();
  }
}
