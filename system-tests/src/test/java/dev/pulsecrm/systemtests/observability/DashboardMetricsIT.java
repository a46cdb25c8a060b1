package dev.pulsecrm.systemtests.observability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.pulsecrm.deploy.ChartMetricNames;
import dev.pulsecrm.systemtests.Api;
import dev.pulsecrm.systemtests.PlatformProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Helm chart's Grafana dashboards and alert rules query is really exposed: the platform runs with the
 * demo data loaded (so every KPI has a value in some window) and some API traffic, and the scrapes of all five
 * services (the gateway on its management port, as in the cluster) must contain each referenced series.
 */
class DashboardMetricsIT {

	static PlatformProcesses platform;

	@BeforeAll
	static void startWithDemoData() throws Exception {
		platform = PlatformProcesses.create(PlatformProcesses.Options.named("dashboards")
			// crm.roi needs the CRM's own cost; the other ROI inputs default to 0
			.env("CRM_KPI_ROI_MONTHLYCOST", "5000")
			.env("CRM_KPI_ROI_HOURSSAVEDPERMONTH", "120")
			.env("CRM_KPI_ROI_HOURLYVALUE", "60")
			.managementPort("gateway"));
		Path root = Path.of(System.getProperty("crm.root", "..")).toAbsolutePath().normalize();
		Path jar = root.resolve("demo/target/demo-" + System.getProperty("crm.version", "0.1.0-SNAPSHOT") + ".jar");
		ProcessBuilder demo = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(root.resolve("system-tests/target/dashboards/demo-loader.log").toFile());
		demo.environment().put("CRM_TOKEN", platform.token("ADMIN", "demo-loader", null));
		demo.environment().put("CRM_GATEWAY_URL", platform.gateway().toString());
		Process loader = demo.start();
		assertThat(loader.waitFor(4, TimeUnit.MINUTES)).as("the demo loader finishes").isTrue();
		assertThat(loader.exitValue()).as("demo loader exit code; see target/dashboards/demo-loader.log").isZero();
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void everyMetricQueriedByTheDashboardsAndAlertRulesIsExposedByTheRunningServices() {
		Path chart = Path.of(System.getProperty("crm.root", "..")).resolve("helm/pulse-crm").toAbsolutePath();
		SortedSet<String> referenced = ChartMetricNames.referencedMetricNames(chart);
		assertThat(referenced).as("the chart queries metrics").hasSizeGreaterThan(20);

		// traffic through the gateway, so request metrics exist everywhere
		Api manager = platform.api("MANAGER");
		for (String path : new String[] { "/api/sales/deals?size=5", "/api/marketing/leads?size=5",
				"/api/support/tickets?size=5", "/api/kpis", "/api/sales/deals/does-not-exist" }) {
			manager.get(path);
		}

		await("every referenced series in a scrape").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(exposedNames()).containsAll(referenced));
	}

	private static SortedSet<String> exposedNames() {
		SortedSet<String> names = new TreeSet<>();
		for (String service : PlatformProcesses.SERVICES) {
			Api api = new Api(platform.management(service));
			String scrape = api.get("/actuator/prometheus").text();
			for (String line : scrape.split("\n")) {
				if (!line.isEmpty() && !line.startsWith("#")) {
					int end = line.indexOf('{');
					names.add((end < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, end)).trim());
				}
			}
		}
		return names;
	}

}
