package dev.pulsecrm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartMetricNamesTest {

  /** The names the services publish (KPIS.md "Prometheus", the kpi-service naming rule, Spring Boot/Micrometer). */
  private static final Set<String> PUBLISHED = Stream.of(
      // KPI gauges
      "crm_sales_win_ratio", "crm_customer_churn_ratio", "crm_marketing_email_open_ratio", "crm_support_csat_ratio",
      "crm_marketing_campaign_roi_ratio", "crm_crm_roi_ratio", "crm_sales_stage_win_probability_ratio",
      "crm_customer_retention_ratio", "crm_marketing_lead_conversion_ratio", "crm_sales_revenue_growth_ratio",
      "crm_sales_upsell_ratio", "crm_support_sla_compliance_ratio", "crm_marketing_email_click_ratio",
      "crm_marketing_email_response_ratio", "crm_marketing_email_conversion_ratio", "crm_marketing_list_growth_ratio",
      "crm_sales_deals_won", "crm_sales_revenue", "crm_sales_pipeline_value", "crm_sales_weighted_pipeline",
      "crm_marketing_cac", "crm_marketing_clv", "crm_marketing_cac_payback_months", "crm_sales_cycle_length_days",
      "crm_sales_stage_duration_days", "crm_support_nps", "crm_support_resolution_hours",
      "crm_support_first_response_hours", "crm_support_backlog", "crm_support_tickets_opened", "crm_marketing_spend",
      "crm_marketing_new_leads", "crm_marketing_new_customers", "crm_marketing_campaign_revenue",
      "crm_sales_lead_response_hours", "crm_sales_lead_to_customer_days", "crm_sales_average_deal_value",
      "crm_marketing_acquired_customer_value", "crm_customer_heard_from", "crm_sales_deals_lost",
      // KPI computation health
      "crm_kpi_source_up", "crm_kpi_last_success_timestamp_seconds", "crm_kpi_refresh_seconds_count",
      "crm_kpi_refresh_seconds_sum", "crm_kpi_refresh_seconds_max", "crm_kpi_target", "crm_kpi_target_met", "crm_kpi_info",
      // platform
      "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_bucket",
      "jvm_memory_used_bytes", "process_cpu_usage", "resilience4j_circuitbreaker_state",
      "grpc_server_processing_duration_seconds_count", "spring_cloud_gateway_requests_seconds_count")
      .collect(Collectors.toUnmodifiableSet());

  @Test
  void findsTheMetricNamesOfAnExpressionButNotItsLabelsOrStrings() {
    String promql = "sum by (application) (rate(http_server_requests_seconds_count{status=~\"5..\", uri!~\"/actuator.*\"}[5m]))"
        + " / on (kpi) group_left crm_kpi_target{kpi=\"crm_crm_roi_ratio\", other='jvm_x'} > bogus_crm_metric";

    assertThat(ChartMetricNames.metricNamesIn(promql))
        .containsExactly("crm_kpi_target", "http_server_requests_seconds_count");
  }

  @Test
  void keepsHistogramSeriesNamesAsAScrapeShowsThem() {
    SortedSet<String> names = ChartMetricNames.metricNamesIn(
        "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket[5m]))) "
            + "+ crm_kpi_refresh_seconds_max + time() - crm_kpi_last_success_timestamp_seconds");

    assertThat(names).containsExactly("crm_kpi_last_success_timestamp_seconds", "crm_kpi_refresh_seconds_max",
        "http_server_requests_seconds_bucket");
    assertThat(ChartMetricNames.familyOf("http_server_requests_seconds_bucket")).isEqualTo("http_server_requests_seconds");
    assertThat(ChartMetricNames.familyOf("crm_kpi_refresh_seconds_count")).isEqualTo("crm_kpi_refresh_seconds");
    assertThat(ChartMetricNames.familyOf("crm_kpi_refresh_seconds_max")).isEqualTo("crm_kpi_refresh_seconds_max");
    assertThat(ChartMetricNames.familyOf("crm_sales_win_ratio")).isEqualTo("crm_sales_win_ratio");
  }

  @Test
  void readsPanelsNestedInRowsTemplateVariablesAndAlertRulesButNotRuleTests(@TempDir Path chart) throws IOException {
    Files.createDirectories(chart.resolve("dashboards"));
    Files.createDirectories(chart.resolve("rules/tests"));
    Files.writeString(chart.resolve("dashboards/board.json"), """
        {"panels": [
           {"type": "row", "title": "Collapsed", "panels": [
              {"title": "Revenue", "targets": [{"expr": "max(crm_sales_revenue{window=\\"$window\\"})"}]}]},
           {"title": "Heap", "targets": [{"expr": "jvm_memory_used_bytes"}, {"expr": ""}]}],
         "templating": {"list": [
           {"name": "datasource", "type": "datasource", "query": "prometheus"},
           {"name": "namespace", "type": "query", "query": {"query": "label_values(crm_kpi_info, namespace)"}}]}}
        """);
    Files.writeString(chart.resolve("rules/alerts.yaml"), """
        groups:
          - name: g
            rules:
              - alert: SourceDown
                expr: max by (source) (crm_kpi_source_up) == 0
        """);
    Files.writeString(chart.resolve("rules/tests/alerts-test.yaml"), """
        tests:
          - input_series:
              - series: 'crm_only_in_a_test{a="b"}'
        """);

    SortedMap<String, SortedSet<String>> references = ChartMetricNames.references(chart);

    assertThat(references.keySet()).containsExactly("crm_kpi_info", "crm_kpi_source_up", "crm_sales_revenue", "jvm_memory_used_bytes");
    assertThat(references.get("crm_sales_revenue")).containsExactly("dashboards/board.json: Revenue");
    assertThat(references.get("crm_kpi_info")).containsExactly("dashboards/board.json: variable namespace");
    assertThat(references.get("crm_kpi_source_up")).containsExactly("rules/alerts.yaml: SourceDown");
  }

  @Test
  void theChartQueriesOnlyMetricsTheServicesPublish() {
    SortedMap<String, SortedSet<String>> references = ChartMetricNames.references(PulseCrmChart.chartDir());
    SortedMap<String, SortedSet<String>> unknown = new java.util.TreeMap<>(references);
    unknown.keySet().removeAll(PUBLISHED);

    assertThat(unknown).as("metric names no service publishes, with where they are used").isEmpty();
    assertThat(references).hasSizeGreaterThan(40);
  }

  @Test
  void theChartsMetricNamesIncludeEveryAlertsMetrics() throws IOException {
    SortedSet<String> names = ChartMetricNames.referencedMetricNames(PulseCrmChart.chartDir());
    Set<String> alertSources = new TreeSet<>();
    ChartMetricNames.expressions(PulseCrmChart.chartDir()).stream()
        .filter(expression -> expression.source().startsWith("rules/"))
        .forEach(expression -> alertSources.add(expression.source().replaceAll(".*: ", "")));

    assertThat(alertSources).isEqualTo(AlertRulesTest.alertNames());
    assertThat(names).contains("crm_kpi_target_met", "crm_kpi_last_success_timestamp_seconds", "crm_kpi_source_up",
        "http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "resilience4j_circuitbreaker_state");
  }
}
