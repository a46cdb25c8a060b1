package dev.pulsecrm.demo.loading;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.ImportReport.LineResult;
import dev.pulsecrm.client.Page;
import dev.pulsecrm.client.marketing.Conversion;
import dev.pulsecrm.client.marketing.ConvertLead;
import dev.pulsecrm.client.marketing.MarketingClient;
import dev.pulsecrm.client.sales.SalesClient;
import dev.pulsecrm.client.support.SupportClient;
import dev.pulsecrm.demo.story.DemoStory;
import dev.pulsecrm.demo.story.DemoStoryGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The loader against stand-in services that accept every line, hand out ids and remember what they were sent: the
 * order of the phases, the ids carried from one service to the next, and a refused line stopping the load.
 */
class DemoLoaderTest {

	static final DemoStory STORY = DemoStoryGenerator.generate(42, Instant.parse("2026-11-23T10:15:30Z"));

	static final JsonMapper JSON = JsonMapper.builder().build();

	final List<String> calls = new ArrayList<>();

	final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();

	final Map<String, ConvertLead> conversions = new ConcurrentHashMap<>();

	@Test
	void idsLearntFromOneServiceAreWhatTheNextOneIsSent() {
		LoadSummary summary = loader(acceptAll("marketing"), acceptAll("sales"), acceptAll("support")).load(STORY);

		assertThat(this.calls.stream().distinct()).containsExactly("marketing", "convert", "sales", "support");
		long converted = STORY.leads().stream().filter((lead) -> lead.conversion() != null).count();
		assertThat(this.conversions).hasSize((int) converted);
		// conversions name marketing's lead ids, as the marketing import answered them
		assertThat(this.conversions.keySet()).allSatisfy((leadId) -> assertThat(leadId).startsWith("marketing-id-"));
		// converted deals move by the deal id the conversion returned; imported accounts go by their external id
		assertThat(this.received.get("sales")).filteredOn((line) -> line.get("type").asString().equals("stage"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line.get("dealId").asString()).startsWith("deal-for-marketing-id-"));
		// support refers to sales' account ids: from the sales import, or from a conversion
		assertThat(this.received.get("support")).allSatisfy((line) -> assertThat(line.get("accountId").asString())
			.matches("sales-id-\\d+|account-for-marketing-id-\\d+"));
		assertThat(summary.total("marketing", "lead")).isEqualTo(STORY.leads().size());
		assertThat(summary.total("marketing", "conversion")).isEqualTo((int) converted);
		assertThat(summary.total("sales", "account")).isEqualTo(STORY.accounts().size());
		assertThat(summary.total("support", "ticket")).isEqualTo(STORY.tickets().size());
		assertThat(summary.table()).anySatisfy((row) -> assertThat(row).startsWith("support    survey"));
	}

	@Test
	void importsAreSentInRequestsOfAtMostFourHundredLines() {
		loader(acceptAll("marketing"), acceptAll("sales"), acceptAll("support")).load(STORY);

		assertThat(this.calls.stream().filter("marketing"::equals).count())
			.isEqualTo((this.received.get("marketing").size() + DemoLoader.LINES_PER_REQUEST - 1)
					/ DemoLoader.LINES_PER_REQUEST);
	}

	@Test
	void aRefusedLineStopsTheLoadAndNamesTheLine() {
		Function<String, ImportReport> refuseThirdLine = (body) -> {
			this.calls.add("sales");
			String[] lines = body.split("\n");
			List<LineResult> results = new ArrayList<>();
			for (int i = 0; i < lines.length; i++) {
				results.add(i == 2 ? new LineResult(i + 1, "account", 422, null, "createdAt: must not be in the future")
						: new LineResult(i + 1, "account", 201, "sales-id-" + i, null));
			}
			return new ImportReport(lines.length, lines.length - 1, 1, results);
		};

		assertThatExceptionOfType(DemoLoadException.class)
			.isThrownBy(() -> loader(acceptAll("marketing"), refuseThirdLine, acceptAll("support")).load(STORY))
			.withMessageContaining("sales line 3 (account account-")
			.withMessageContaining("422 createdAt: must not be in the future");
		assertThat(this.calls).doesNotContain("support");
		assertThat(this.calls.stream().filter("sales"::equals)).hasSize(1);
	}

	// ------------------------------------------------------------------ stand-ins

	private DemoLoader loader(Function<String, ImportReport> marketingImport,
			Function<String, ImportReport> salesImport, Function<String, ImportReport> supportImport) {
		MarketingClient marketing = stub(MarketingClient.class, Map.of("importLines",
				(args) -> marketingImport.apply((String) args[0]), "convertLead", (args) -> {
					synchronized (this.calls) {
						this.calls.add("convert");
					}
					String leadId = (String) args[0];
					this.conversions.put(leadId, (ConvertLead) args[1]);
					return new Conversion(leadId, "account-for-" + leadId, "deal-for-" + leadId,
							((ConvertLead) args[1]).at());
				}, "listCampaigns", (args) -> new Page<>(List.of(), 0, 1, 0)));
		SalesClient sales = stub(SalesClient.class, Map.of("importLines", (args) -> salesImport.apply((String) args[0])));
		SupportClient support = stub(SupportClient.class,
				Map.of("importLines", (args) -> supportImport.apply((String) args[0])));
		return new DemoLoader(marketing, sales, support);
	}

	/** Accepts every line with a fresh id ({@code <service>-id-N}) and keeps the lines. */
	private Function<String, ImportReport> acceptAll(String service) {
		return (body) -> {
			this.calls.add(service);
			List<LineResult> results = new ArrayList<>();
			String[] lines = body.split("\n");
			for (int i = 0; i < lines.length; i++) {
				JsonNode line = JSON.readTree(lines[i]);
				List<JsonNode> kept = this.received.computeIfAbsent(service, (s) -> new ArrayList<>());
				kept.add(line);
				results.add(new LineResult(i + 1, line.get("type").asString(), 201, service + "-id-" + kept.size(),
						null));
			}
			return new ImportReport(lines.length, lines.length, 0, results);
		};
	}

	@SuppressWarnings("unchecked")
	private static <T> T stub(Class<T> type, Map<String, Function<Object[], Object>> methods) {
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
			Function<Object[], Object> answer = methods.get(method.getName());
			if (answer == null) {
				throw new AssertionError("the loader should not call " + method.getName());
			}
			return answer.apply(args);
		});
	}
}
