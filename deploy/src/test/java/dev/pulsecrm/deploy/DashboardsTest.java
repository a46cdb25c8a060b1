package dev.pulsecrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboards: plain JSON, a ${datasource} variable everywhere, a KPI window picker, the panels managers need. */
class DashboardsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> KPI_DASHBOARDS =
      List.of("executive-overview.json", "sales-pipeline.json", "marketing.json", "customer-service.json");

  @Test
  void theChartShipsTheFiveDashboardsWithDistinctUids() throws IOException {
    Map<String, JsonNode> dashboards = dashboards();
    Set<String> uids = new HashSet<>();
    dashboards.values().forEach(dashboard -> uids.add(dashboard.path("uid").asString()));

    assertThat(dashboards).containsOnlyKeys("executive-overview.json", "sales-pipeline.json", "marketing.json",
        "customer-service.json", "platform-health.json");
    assertThat(uids).hasSize(dashboards.size());
  }

  @Test
  void everyPanelQueriesThroughTheDatasourceVariable() throws IOException {
    for (Map.Entry<String, JsonNode> dashboard : dashboards().entrySet()) {
      JsonNode variable = variable(dashboard.getValue(), "datasource");
      assertThat(variable.path("type").asString()).as(dashboard.getKey()).isEqualTo("datasource");
      assertThat(variable.path("query").asString()).as(dashboard.getKey()).isEqualTo("prometheus");
      for (JsonNode panel : panels(dashboard.getValue())) {
        if (!"row".equals(panel.path("type").asString())) {
          assertThat(panel.path("datasource").path("uid").asString()).as("%s: %s", dashboard.getKey(), panel.path("title"))
              .isEqualTo("${datasource}");
          assertThat(panel.path("targets").isEmpty()).as("%s: %s has queries", dashboard.getKey(), panel.path("title")).isFalse();
        }
      }
      assertEveryDatasourceIsTheVariable(dashboard.getKey(), dashboard.getValue().toString());
    }
  }

  @Test
  void kpiDashboardsLetTheReaderPickTheKpiWindow() throws IOException {
    for (String name : KPI_DASHBOARDS) {
      JsonNode dashboard = dashboards().get(name);
      List<String> options = new ArrayList<>();
      variable(dashboard, "window").path("options").forEach(option -> options.add(option.path("value").asString()));
      assertThat(options).as(name).containsExactly("7d", "30d", "90d", "mtd", "qtd");
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asString();
          boolean kpiGauge = ChartMetricNames.metricNamesIn(expr).stream()
              .anyMatch(metric -> metric.startsWith("crm_") && !metric.startsWith("crm_kpi_"));
          if (kpiGauge) {
            assertThat(expr).as("%s: %s", name, panel.path("title")).contains("window=\"$window\"");
          }
        }
      }
    }
  }

  @Test
  void dashboardsCoverTheKpisEachAudienceSteersBy() throws IOException {
    Map<String, JsonNode> dashboards = dashboards();

    assertThat(queries(dashboards.get("sales-pipeline.json"))).contains("crm_sales_stage_duration_days",
        "crm_sales_weighted_pipeline", "max by (team) (crm_sales_win_ratio", "crm_sales_pipeline_value", "lossReason");
    assertThat(queries(dashboards.get("marketing.json"))).contains("crm_marketing_cac{", "crm_marketing_cac_payback_months",
        "max by (campaign) (crm_marketing_campaign_roi_ratio", "max by (channel) (crm_marketing_new_leads",
        "crm_marketing_email_open_ratio", "crm_marketing_email_click_ratio", "crm_marketing_email_response_ratio",
        "crm_marketing_email_conversion_ratio");
    assertThat(queries(dashboards.get("customer-service.json"))).contains("crm_support_nps", "crm_support_csat_ratio",
        "crm_support_resolution_hours", "crm_support_sla_compliance_ratio", "crm_customer_churn_ratio",
        "crm_customer_retention_ratio");
    assertThat(queries(dashboards.get("platform-health.json"))).contains("http_server_requests_seconds_count",
        "http_server_requests_seconds_bucket", "resilience4j_circuitbreaker_state", "jvm_memory_used_bytes",
        "process_cpu_usage", "crm_kpi_refresh_seconds_count");
    assertThat(queries(dashboards.get("executive-overview.json"))).contains("crm_kpi_target_met", "crm_kpi_source_up",
        "crm_kpi_last_success_timestamp_seconds", "crm_sales_revenue");
  }

  /** No datasource is ever named: every "datasource" in the JSON is the ${datasource} variable. */
  static void assertEveryDatasourceIsTheVariable(String dashboard, String json) {
    List<String> named = new ArrayList<>();
    collectDatasources(JSON.readTree(json), named);
    assertThat(named).as("%s: datasources that are not ${datasource}", dashboard)
        .allMatch(datasource -> datasource.equals("${datasource}"));
    assertThat(named).as("%s uses the datasource variable", dashboard).isNotEmpty();
  }

  private static void collectDatasources(JsonNode node, List<String> into) {
    if (node.isObject()) {
      JsonNode datasource = node.get("datasource");
      if (datasource != null) {
        into.add(datasource.isObject() ? datasource.path("uid").asString("") : datasource.asString(""));
      }
      node.properties().forEach(field -> collectDatasources(field.getValue(), into));
    } else if (node.isArray()) {
      node.forEach(element -> collectDatasources(element, into));
    }
  }

  private static String queries(JsonNode dashboard) {
    StringBuilder all = new StringBuilder();
    panels(dashboard).forEach(panel -> panel.path("targets").forEach(target -> all.append(target.path("expr").asString()).append('\n')));
    return all.toString();
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (name.equals(variable.path("name").asString())) {
        return variable;
      }
    }
    throw new AssertionError("no template variable " + name + " in " + dashboard.path("title"));
  }

  private static Map<String, JsonNode> dashboards() throws IOException {
    Map<String, JsonNode> dashboards = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(PulseCrmChart.chartDir().resolve("dashboards"))) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
        dashboards.put(file.getFileName().toString(), JSON.readTree(Files.readString(file)));
      }
    }
    return dashboards;
  }
}
