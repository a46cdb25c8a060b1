package dev.pulsecrm.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Deterministic import lines (docs/import-format.md) for one domain: record {@code i} is the same whichever batch it is
 * generated in, so a data set can grow from 10k to 100k to 1M by importing only the new records. Records are spread
 * evenly over {@link #HISTORY} before the anchor, so a 90-day window holds about 8% of them whatever the size.
 *
 * <ul>
 * <li>sales: every 10th record an account, the others deals of the account of their block (stage history of 1–4
 * stages, 45% won, 35% lost, the rest open);</li>
 * <li>marketing: 50 campaigns first, then per block of 20 one spend entry, 10 leads (with contact and qualification)
 * and 9 engagement events of those leads;</li>
 * <li>support: 4 in 5 tickets (with replies and, mostly, a resolution), 1 in 5 survey responses (NPS or CSAT).</li>
 * </ul>
 */
public final class DataGenerator {

	public enum Domain {

		SALES("sales"), MARKETING("marketing"), SUPPORT("support");

		public final String path;

		Domain(String path) {
			this.path = path;
		}
	}

	public static final Duration HISTORY = Duration.ofDays(3 * 365);

	static final String[] STAGES = { "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION" };

	static final String[] TEAMS = { "emea", "amer", "apac", "latam" };

	static final String[] INDUSTRIES = { "Software", "Retail", "Finance", "Health", "Manufacturing" };

	static final String[] REGIONS = { "EMEA", "AMER", "APAC", "LATAM" };

	static final String[] SEGMENTS = { "SMB", "MID", "ENTERPRISE" };

	static final String[] CHANNELS = { "EMAIL", "SOCIAL", "SEARCH_ADS", "DISPLAY_ADS", "TRADE_SHOW", "SEMINAR",
			"WEBINAR", "REFERRAL" };

	static final String[] EVENTS = { "SENT", "SENT", "SENT", "OPENED", "OPENED", "CLICKED", "REPLIED", "BOUNCED",
			"OPENED" };

	static final int CAMPAIGNS = 50;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Instant anchor;

	private final long seed;

	/** {@code anchor}: the newest instant any record may carry (the benchmark's start, to the minute). */
	public DataGenerator(Instant anchor, long seed) {
		this.anchor = anchor.truncatedTo(ChronoUnit.MINUTES);
		this.seed = seed;
	}

	public Instant anchor() {
		return this.anchor;
	}

	/** Lines {@code [from, to)} of {@code domain} as NDJSON, one record per line. */
	public String ndjson(Domain domain, long from, long to) {
		StringBuilder out = new StringBuilder();
		for (long i = from; i < to; i++) {
			out.append(json.writeValueAsString(record(domain, i))).append('\n');
		}
		return out.toString();
	}

	public Map<String, Object> record(Domain domain, long i) {
		SplittableRandom random = new SplittableRandom(this.seed * 31 + domain.ordinal() * 1_000_003L + i * 7_919L);
		return switch (domain) {
			case SALES -> sales(i, random);
			case MARKETING -> marketing(i, random);
			case SUPPORT -> support(i, random);
		};
	}

	/** When record {@code i} of {@code n} starts: spread over the history, newest last, at least a day old. */
	Instant createdAt(long i, SplittableRandom random) {
		long span = HISTORY.toSeconds();
		long offset = (long) (random.nextDouble() * span);
		return this.anchor.minus(HISTORY).plusSeconds(offset).minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
	}

	private Map<String, Object> sales(long i, SplittableRandom random) {
		Map<String, Object> line = new LinkedHashMap<>();
		long block = i / 10;
		String team = TEAMS[(int) (block % TEAMS.length)];
		Instant created = createdAt(i, random);
		if (i % 10 == 0) {
			line.put("type", "account");
			line.put("name", "Account " + block);
			line.put("industry", pick(INDUSTRIES, random));
			line.put("region", pick(REGIONS, random));
			line.put("segment", pick(SEGMENTS, random));
			line.put("ownerId", "rep-" + (block % 20));
			line.put("team", team);
			line.put("externalId", "acc-" + block);
			// accounts exist before the deals of their block
			line.put("createdAt", this.anchor.minus(HISTORY).minus(Duration.ofDays(2)).toString());
			return line;
		}
		line.put("type", "deal");
		line.put("accountExternalId", "acc-" + block);
		line.put("name", "Deal " + i);
		line.put("ownerId", "rep-" + (block % 20));
		line.put("team", team);
		line.put("amount", money(1000 + random.nextInt(99_000)));
		int kind = random.nextInt(10);
		line.put("dealType", kind < 6 ? "NEW_BUSINESS" : kind < 8 ? "UPSELL" : kind < 9 ? "CROSS_SELL" : "RENEWAL");
		line.put("stage", STAGES[0]);
		line.put("externalId", "deal-" + i);
		line.put("createdAt", created.toString());
		Instant limit = this.anchor.minus(Duration.ofMinutes(1));
		List<Map<String, Object>> history = new ArrayList<>();
		Instant at = created;
		int stages = 1 + random.nextInt(STAGES.length);
		for (int s = 0; s < stages && !at.isAfter(limit); s++) {
			history.add(Map.of("stage", STAGES[s], "enteredAt", at.toString()));
			at = at.plus(Duration.ofHours(12 + random.nextInt(24 * 20)));
		}
		line.put("stageHistory", history);
		int outcome = random.nextInt(100);
		if (!at.isAfter(limit) && outcome < 45) {
			line.put("wonAt", at.toString());
		}
		else if (!at.isAfter(limit) && outcome < 80) {
			line.put("lostAt", at.toString());
			line.put("lossReason", random.nextBoolean() ? "PRICE" : "COMPETITOR");
		}
		return line;
	}

	private Map<String, Object> marketing(long i, SplittableRandom random) {
		Map<String, Object> line = new LinkedHashMap<>();
		if (i < CAMPAIGNS) {
			line.put("type", "campaign");
			line.put("name", "Campaign " + i);
			line.put("channel", CHANNELS[(int) (i % CHANNELS.length)]);
			line.put("budget", money(50_000));
			line.put("startDate", this.anchor.minus(HISTORY).minus(Duration.ofDays(2)).atZone(ZoneOffset.UTC)
				.toLocalDate().toString());
			line.put("externalId", "cmp-" + i);
			return line;
		}
		long j = i - CAMPAIGNS;
		long block = j / 20;
		int offset = (int) (j % 20);
		String campaign = "cmp-" + (block % CAMPAIGNS);
		// the block's leads and events share one start, so events follow their lead
		SplittableRandom blockRandom = new SplittableRandom(this.seed * 17 + block);
		Instant blockStart = createdAt(block, blockRandom);
		if (offset == 0) {
			line.put("type", "spend");
			line.put("campaignExternalId", campaign);
			line.put("amount", money(100 + random.nextInt(2_000)));
			line.put("date", blockStart.atZone(ZoneOffset.UTC).toLocalDate().toString());
			line.put("externalId", "spend-" + j);
			return line;
		}
		if (offset <= 10) {
			long lead = block * 10 + offset - 1;
			Instant created = blockStart.plusSeconds(offset * 60L);
			line.put("type", "lead");
			line.put("name", "Lead " + lead);
			line.put("email", "lead" + lead + "@bench.example");
			line.put("company", "Company " + lead);
			line.put("industry", pick(INDUSTRIES, random));
			line.put("region", pick(REGIONS, random));
			line.put("channel", CHANNELS[(int) (block % CAMPAIGNS % CHANNELS.length)]);
			line.put("campaignExternalId", campaign);
			line.put("ownerId", "rep-" + (lead % 20));
			line.put("externalId", "lead-" + lead);
			line.put("createdAt", created.toString());
			Instant contacted = created.plus(Duration.ofMinutes(10 + random.nextInt(60 * 48)));
			Instant qualified = contacted.plus(Duration.ofHours(1 + random.nextInt(24 * 10)));
			if (random.nextInt(10) < 7 && past(contacted)) {
				line.put("contactedAt", contacted.toString());
				if (random.nextInt(10) < 4 && past(qualified)) {
					line.put("qualifiedAt", qualified.toString());
				}
			}
			return line;
		}
		long lead = block * 10 + (offset - 11);
		line.put("type", "event");
		line.put("campaignExternalId", campaign);
		line.put("leadExternalId", "lead-" + lead);
		line.put("event", EVENTS[offset - 11]);
		line.put("at", blockStart.plus(Duration.ofHours(1 + offset)).toString());
		line.put("externalId", "event-" + j);
		return line;
	}

	private Map<String, Object> support(long i, SplittableRandom random) {
		Map<String, Object> line = new LinkedHashMap<>();
		Instant created = createdAt(i, random);
		String account = "acc-" + (i / 10);
		if (i % 5 == 4) {
			boolean nps = random.nextBoolean();
			line.put("type", "survey");
			line.put("surveyType", nps ? "NPS" : "CSAT");
			line.put("accountId", account);
			line.put("score", nps ? random.nextInt(11) : 1 + random.nextInt(5));
			if (random.nextInt(4) == 0) {
				line.put("heardFrom", pick(CHANNELS, random));
			}
			line.put("respondedAt", created.toString());
			line.put("externalId", "survey-" + i);
			return line;
		}
		line.put("type", "ticket");
		line.put("accountId", account);
		line.put("subject", "Ticket " + i);
		int priority = random.nextInt(10);
		line.put("priority", priority < 2 ? "LOW" : priority < 7 ? "NORMAL" : priority < 9 ? "HIGH" : "URGENT");
		line.put("channel", pick(new String[] { "EMAIL", "PHONE", "CHAT", "WEB" }, random));
		line.put("assigneeId", "agent-" + (i % 15));
		line.put("team", TEAMS[(int) (i % TEAMS.length)]);
		line.put("externalId", "ticket-" + i);
		line.put("createdAt", created.toString());
		List<Map<String, Object>> history = new ArrayList<>();
		Instant replied = created.plus(Duration.ofMinutes(5 + random.nextInt(60 * 12)));
		Instant resolved = replied.plus(Duration.ofMinutes(10 + random.nextInt(60 * 72)));
		if (past(replied)) {
			history.add(Map.of("action", "REPLY", "at", replied.toString(), "agentId", "agent-" + (i % 15)));
			if (random.nextInt(10) < 8 && past(resolved)) {
				history.add(Map.of("action", "RESOLVE", "at", resolved.toString()));
			}
		}
		line.put("history", history);
		return line;
	}

	private boolean past(Instant at) {
		return at.isBefore(this.anchor.minus(Duration.ofMinutes(1)));
	}

	private static Map<String, Object> money(long dollars) {
		return Map.of("amount", dollars + ".00", "currency", "USD");
	}

	private static String pick(String[] values, SplittableRandom random) {
		return values[random.nextInt(values.length)];
	}
}
