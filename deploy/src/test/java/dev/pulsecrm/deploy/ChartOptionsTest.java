package dev.pulsecrm.deploy;

import static dev.pulsecrm.deploy.PulseCrmChart.SERVICES;
import static dev.pulsecrm.deploy.RenderedManifests.at;
import static dev.pulsecrm.deploy.RenderedManifests.firstContainer;
import static dev.pulsecrm.deploy.RenderedManifests.list;
import static dev.pulsecrm.deploy.RenderedManifests.map;
import static dev.pulsecrm.deploy.RenderedManifests.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulsecrm.deploy.RenderedManifests.Document;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What each option of the chart changes: MongoDB choice, ingress, autoscaling, network policy wiring, images. */
class ChartOptionsTest {

  private static final Set<String> DATABASE_SERVICES = Set.of("sales-service", "marketing-service", "support-service");

  @Test
  void byDefaultMongoDbRunsInTheChartWithOneUserAndDatabasePerService() {
    RenderedManifests manifests = PulseCrmChart.render("default");

    Document mongodb = manifests.get("StatefulSet", "pulse-crm-mongodb");
    assertThat(str(firstContainer(mongodb), "image")).isEqualTo("mongo:7.0");
    assertThat(list(mongodb.object(), "spec.volumeClaimTemplates")).hasSize(1);
    Map<String, String> secret = map(manifests.get("Secret", "pulse-crm-mongodb").object(), "data");
    assertThat(secret).containsOnlyKeys("root-password", "sales-service-password", "marketing-service-password",
        "support-service-password");
    String initScript = (String) map(manifests.get("ConfigMap", "pulse-crm-mongodb-init").object(), "data").get("create-service-users.js");
    for (String service : DATABASE_SERVICES) {
      String database = service.replace("-service", "");
      List<Map<String, Object>> env = list(firstContainer(manifests.get("Deployment", "pulse-crm-" + service)), "env");
      assertThat(env).anySatisfy(variable -> {
        assertThat(variable.get("name")).isEqualTo("MONGODB_PASSWORD");
        assertThat(at(variable, "valueFrom.secretKeyRef.name")).isEqualTo("pulse-crm-mongodb");
        assertThat(at(variable, "valueFrom.secretKeyRef.key")).isEqualTo(service + "-password");
      });
      assertThat(env).anySatisfy(variable -> {
        assertThat(variable.get("name")).isEqualTo("SPRING_MONGODB_URI");
        assertThat(variable.get("value")).isEqualTo("mongodb://" + service + ":$(MONGODB_PASSWORD)@pulse-crm-mongodb.pulse-crm.svc.cluster.local:27017/"
            + database + "?authSource=" + database);
      });
      assertThat(initScript).contains("db.getSiblingDB(\"" + database + "\").createUser({user: \"" + service + "\"");
    }
    // no database: the gateway has no secret at all, kpi-service only the gRPC service-token secret
    assertThat(list(firstContainer(manifests.get("Deployment", "pulse-crm-gateway")), "env")).isEmpty();
    List<Map<String, Object>> kpiEnv = list(firstContainer(manifests.get("Deployment", "pulse-crm-kpi-service")), "env");
    assertThat(kpiEnv).extracting(variable -> variable.get("name")).containsExactly("CRM_GRPC_AUTH_SECRET");
  }

  @Test
  void everyServiceThatSpeaksGrpcGetsTheSharedServiceTokenSecretWhichAnUpgradeKeeps() {
    RenderedManifests manifests = PulseCrmChart.render("default");
    Map<String, String> secretData = map(manifests.get("Secret", "pulse-crm-service-auth").object(), "data");
    String secret = secretData.get("secret");
    assertThat(new String(java.util.Base64.getDecoder().decode(secret))).hasSizeGreaterThanOrEqualTo(32);
    for (String service : List.of("sales-service", "marketing-service", "support-service", "kpi-service")) {
      List<Map<String, Object>> env = list(firstContainer(manifests.get("Deployment", "pulse-crm-" + service)), "env");
      assertThat(env).as(service).anySatisfy(variable -> {
            assertThat(variable.get("name")).isEqualTo("CRM_GRPC_AUTH_SECRET");
            assertThat(at(variable, "valueFrom.secretKeyRef.name")).isEqualTo("pulse-crm-service-auth");
          });
    }
    FakeKubernetesApi api = FakeKubernetesApi.shared();
    api.putSecret(PulseCrmChart.NAMESPACE, "pulse-crm-service-auth", Map.of("secret", "keptServiceSecret0123456789"));
    try {
      Map<String, String> data = map(PulseCrmChart.render("default").get("Secret", "pulse-crm-service-auth").object(), "data");
      assertThat(decode(data.get("secret"))).isEqualTo("keptServiceSecret0123456789");
    } finally {
      api.removeSecret(PulseCrmChart.NAMESPACE, "pulse-crm-service-auth");
    }
  }

  @Test
  void generatedMongoDbPasswordsAreRandomOnFirstInstall() {
    Map<String, String> first = map(PulseCrmChart.render("default").get("Secret", "pulse-crm-mongodb").object(), "data");
    Map<String, String> second = map(PulseCrmChart.render("default").get("Secret", "pulse-crm-mongodb").object(), "data");

    assertThat(new TreeSet<>(first.values())).hasSize(first.size());
    assertThat(decode(first.get("root-password"))).matches("[A-Za-z0-9]{32}");
    assertThat(first.get("root-password")).isNotEqualTo(second.get("root-password"));
  }

  @Test
  void anUpgradeKeepsThePasswordsOfTheExistingSecret() {
    FakeKubernetesApi api = FakeKubernetesApi.shared();
    Map<String, String> existing = Map.of("root-password", "rootKept1", "sales-service-password", "salesKept2",
        "marketing-service-password", "marketingKept3", "support-service-password", "supportKept4");
    api.putSecret(PulseCrmChart.NAMESPACE, "pulse-crm-mongodb", existing);
    try {
      Map<String, String> data = map(PulseCrmChart.render("default").get("Secret", "pulse-crm-mongodb").object(), "data");

      existing.forEach((key, password) -> assertThat(decode(data.get(key))).as(key).isEqualTo(password));
    } finally {
      api.removeSecret(PulseCrmChart.NAMESPACE, "pulse-crm-mongodb");
    }
  }

  @Test
  void anExternalMongoDbGivesEachServiceItsUriFromTheExistingSecret() {
    RenderedManifests manifests = PulseCrmChart.render("external-mongodb");

    assertThat(manifests.ofKind("StatefulSet")).isEmpty();
    assertThat(manifests.ofKind("Secret")).extracting(RenderedManifests.Document::name)
        .containsExactly("pulse-crm-service-auth");
    assertThat(manifests.find("NetworkPolicy", "pulse-crm-mongodb")).isEmpty();
    for (String service : DATABASE_SERVICES) {
      List<Map<String, Object>> env = list(firstContainer(manifests.get("Deployment", "pulse-crm-" + service)), "env");
      assertThat(env).filteredOn(variable -> !"CRM_GRPC_AUTH_SECRET".equals(variable.get("name"))).singleElement().satisfies(variable -> {
        assertThat(variable.get("name")).isEqualTo("SPRING_MONGODB_URI");
        assertThat(at(variable, "valueFrom.secretKeyRef.name")).isEqualTo("crm-mongodb-uris");
        assertThat(at(variable, "valueFrom.secretKeyRef.key")).isEqualTo(service.replace("-service", "") + "-uri");
      });
      // egress to the external server as configured, not to an in-chart pod
      String egress = str(manifests.get("NetworkPolicy", "pulse-crm-" + service).object(), "spec.egress");
      assertThat(egress).contains("cidr=10.20.0.0/16").doesNotContain("component=mongodb");
    }
  }

  @Test
  void theIngressIsOffByDefault() {
    assertThat(PulseCrmChart.render("default").ofKind("Ingress")).isEmpty();
  }

  @Test
  void theIngressPublishesOnlyTheGatewayWithTlsFromTheNamedSecret() {
    Document ingress = PulseCrmChart.render("ingress").ofKind("Ingress").get(0);

    assertThat(str(ingress.object(), "spec.ingressClassName")).isEqualTo("nginx");
    assertThat(list(ingress.object(), "spec.tls")).singleElement().satisfies(tls -> {
      assertThat(at(tls, "secretName")).isEqualTo("crm-acme-tls");
      assertThat(list(tls, "hosts")).containsExactly("crm.acme.test");
    });
    Map<String, Object> rule = RenderedManifests.<Map<String, Object>>list(ingress.object(), "spec.rules").get(0);
    assertThat(rule.get("host")).isEqualTo("crm.acme.test");
    assertThat(list(rule, "http.paths")).singleElement().satisfies(path ->
        assertThat(at(path, "backend.service.name")).isEqualTo("pulse-crm-gateway"));
    assertThat(map(ingress.object(), "metadata.annotations")).containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "8m");
  }

  @Test
  void withAutoscalingOnDeploymentsLeaveTheReplicaCountToTheAutoscaler() {
    RenderedManifests manifests = PulseCrmChart.render("default");

    assertThat(manifests.ofKind("HorizontalPodAutoscaler")).hasSize(SERVICES.size());
    assertThat(manifests.ofKind("Deployment")).allSatisfy(deployment ->
        assertThat(map(deployment.object(), "spec")).doesNotContainKey("replicas"));
  }

  @Test
  void withAutoscalingOffDeploymentsHaveTheirFixedReplicaCount() {
    RenderedManifests manifests = PulseCrmChart.render("autoscaling-off");

    assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
    assertThat(at(manifests.get("Deployment", "pulse-crm-gateway").object(), "spec.replicas")).isEqualTo(3);
    assertThat(at(manifests.get("Deployment", "pulse-crm-kpi-service").object(), "spec.replicas")).isEqualTo(1);
  }

  @Test
  void eachServiceAcceptsOnlyTheGatewayItsGrpcCallersAndPrometheus() {
    RenderedManifests manifests = PulseCrmChart.render("default");

    assertThat(ingressSources(manifests, "gateway")).containsExactlyInAnyOrder(
        "8080 from namespace ingress-nginx", "8081 from namespace monitoring");
    assertThat(ingressSources(manifests, "sales-service")).containsExactlyInAnyOrder(
        "8081 from namespace monitoring", "8080 from gateway", "9090 from marketing-service", "9090 from kpi-service");
    assertThat(ingressSources(manifests, "marketing-service")).containsExactlyInAnyOrder(
        "8081 from namespace monitoring", "8080 from gateway", "9090 from kpi-service");
    assertThat(ingressSources(manifests, "support-service")).containsExactlyInAnyOrder(
        "8081 from namespace monitoring", "8080 from gateway", "9090 from kpi-service");
    assertThat(ingressSources(manifests, "kpi-service")).containsExactlyInAnyOrder(
        "8081 from namespace monitoring", "8080 from gateway");
    assertThat(ingressSources(manifests, "mongodb")).containsExactlyInAnyOrder(
        "27017 from sales-service", "27017 from marketing-service", "27017 from support-service");
  }

  @Test
  void eachServiceMayReachOnlyDnsTheIdentityProviderItsDatabaseAndItsPeers() {
    RenderedManifests manifests = PulseCrmChart.render("default");
    List<String> everyone = List.of("53/UDP to anywhere", "53/TCP to anywhere", "443/TCP to anywhere");

    assertThat(egressDestinations(manifests, "gateway")).containsExactlyInAnyOrderElementsOf(concat(everyone,
        "8080/TCP to sales-service", "8080/TCP to marketing-service", "8080/TCP to support-service", "8080/TCP to kpi-service"));
    assertThat(egressDestinations(manifests, "sales-service")).containsExactlyInAnyOrderElementsOf(concat(everyone,
        "27017/TCP to mongodb"));
    assertThat(egressDestinations(manifests, "marketing-service")).containsExactlyInAnyOrderElementsOf(concat(everyone,
        "27017/TCP to mongodb", "9090/TCP to sales-service"));
    assertThat(egressDestinations(manifests, "support-service")).containsExactlyInAnyOrderElementsOf(concat(everyone,
        "27017/TCP to mongodb"));
    assertThat(egressDestinations(manifests, "kpi-service")).containsExactlyInAnyOrderElementsOf(concat(everyone,
        "9090/TCP to sales-service", "9090/TCP to marketing-service", "9090/TCP to support-service"));
  }

  @Test
  void theIngressControllerAndPrometheusLocationsAreConfigurable() {
    RenderedManifests manifests = PulseCrmChart.render("default", Map.of(
        "networkPolicy.ingressController.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "traefik",
        "networkPolicy.prometheus.namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "observability"));

    assertThat(ingressSources(manifests, "gateway")).containsExactlyInAnyOrder(
        "8080 from namespace traefik", "8081 from namespace observability");
  }

  @Test
  void changingAServicesEnvironmentRestartsOnlyThatService() {
    RenderedManifests before = PulseCrmChart.render("default");
    RenderedManifests after = PulseCrmChart.render("default", Map.of("services.kpi-service.env.CRM_KPI_TARGETS_SALES_WIN_RATE", "0.3"));

    assertThat(map(after.get("ConfigMap", "pulse-crm-kpi-service").object(), "data"))
        .containsEntry("CRM_KPI_TARGETS_SALES_WIN_RATE", "0.3");
    for (String service : SERVICES) {
      String checksumBefore = checksum(before, service);
      String checksumAfter = checksum(after, service);
      if (service.equals("kpi-service")) {
        assertThat(checksumAfter).isNotEqualTo(checksumBefore);
      } else {
        assertThat(checksumAfter).as(service).isEqualTo(checksumBefore);
      }
    }
  }

  @Test
  void imagesComeFromTheConfiguredRegistryTagAndPullPolicy() {
    RenderedManifests defaults = PulseCrmChart.render("default");
    RenderedManifests custom = PulseCrmChart.render("default", Map.of("image.registry", "ghcr.io/acme", "image.tag", "1.2.3",
        "image.pullPolicy", "Always", "services.gateway.tag", "1.2.4"));

    assertThat(str(firstContainer(defaults.get("Deployment", "pulse-crm-sales-service")), "image"))
        .isEqualTo("pulsecrm/sales-service:0.1.0-SNAPSHOT");
    assertThat(str(firstContainer(custom.get("Deployment", "pulse-crm-sales-service")), "image"))
        .isEqualTo("ghcr.io/acme/pulsecrm/sales-service:1.2.3");
    assertThat(str(firstContainer(custom.get("Deployment", "pulse-crm-gateway")), "image"))
        .isEqualTo("ghcr.io/acme/pulsecrm/gateway:1.2.4");
    assertThat(str(firstContainer(custom.get("Deployment", "pulse-crm-kpi-service")), "imagePullPolicy")).isEqualTo("Always");
  }

  @Test
  void monitoringObjectsAndDashboardsCanBeSwitchedOff() {
    RenderedManifests manifests = PulseCrmChart.render("default", Map.of("metrics.serviceMonitor.enabled", "false",
        "metrics.prometheusRule.enabled", "false", "grafana.dashboards.enabled", "false", "networkPolicy.enabled", "false"));

    assertThat(manifests.ofKind("ServiceMonitor")).isEmpty();
    assertThat(manifests.ofKind("PrometheusRule")).isEmpty();
    assertThat(manifests.ofKind("NetworkPolicy")).isEmpty();
    assertThat(manifests.ofKind("ConfigMap")).noneMatch(configMap -> configMap.labels().containsKey("grafana_dashboard"));
  }

  private static String checksum(RenderedManifests manifests, String service) {
    return str(manifests.get("Deployment", "pulse-crm-" + service).object(), "spec.template.metadata.annotations.checksum/config");
  }

  /** "port from component" or "port from namespace NAME" for every ingress peer of a component's policy. */
  private static List<String> ingressSources(RenderedManifests manifests, String component) {
    Document policy = manifests.ofKind("NetworkPolicy", component).get(0);
    List<String> sources = new java.util.ArrayList<>();
    for (Map<String, Object> rule : RenderedManifests.<Map<String, Object>>list(policy.object(), "spec.ingress")) {
      for (Map<String, Object> port : RenderedManifests.<Map<String, Object>>list(rule, "ports")) {
        for (Map<String, Object> peer : RenderedManifests.<Map<String, Object>>list(rule, "from")) {
          sources.add(port.get("port") + " from " + describe(peer));
        }
      }
    }
    return sources;
  }

  private static List<String> egressDestinations(RenderedManifests manifests, String component) {
    Document policy = manifests.ofKind("NetworkPolicy", component).get(0);
    List<String> destinations = new java.util.ArrayList<>();
    for (Map<String, Object> rule : RenderedManifests.<Map<String, Object>>list(policy.object(), "spec.egress")) {
      List<Map<String, Object>> peers = list(rule, "to");
      for (Map<String, Object> port : RenderedManifests.<Map<String, Object>>list(rule, "ports")) {
        String prefix = port.get("port") + "/" + port.get("protocol") + " to ";
        if (peers.isEmpty()) {
          destinations.add(prefix + "anywhere");
        }
        peers.forEach(peer -> destinations.add(prefix + describe(peer)));
      }
    }
    return destinations;
  }

  private static String describe(Map<String, Object> peer) {
    Map<String, String> namespace = map(peer, "namespaceSelector.matchLabels");
    if (namespace != null) {
      return "namespace " + namespace.get("kubernetes.io/metadata.name");
    }
    return String.valueOf(at(peer, "podSelector.matchLabels") instanceof Map<?, ?> labels
        ? labels.get("app.kubernetes.io/component") : peer);
  }

  private static List<String> concat(List<String> first, String... more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
