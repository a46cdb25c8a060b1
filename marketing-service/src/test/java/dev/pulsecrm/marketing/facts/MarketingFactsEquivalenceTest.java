package dev.pulsecrm.marketing.facts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.marketing.MarketingServiceTest;
import dev.pulsecrm.marketing.campaign.Campaign;
import dev.pulsecrm.marketing.campaign.CampaignService;
import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.marketing.campaign.CreateCampaign;
import dev.pulsecrm.marketing.campaign.RecordSpend;
import dev.pulsecrm.marketing.conversion.ConversionService;
import dev.pulsecrm.marketing.conversion.ConvertLead;
import dev.pulsecrm.marketing.engagement.EngagementService;
import dev.pulsecrm.marketing.engagement.EngagementType;
import dev.pulsecrm.marketing.lead.ContactLead;
import dev.pulsecrm.marketing.lead.CreateLead;
import dev.pulsecrm.marketing.lead.DisqualifyLead;
import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.marketing.lead.LeadHistory;
import dev.pulsecrm.marketing.lead.LeadService;
import dev.pulsecrm.marketing.lead.QualifyLead;
import dev.pulsecrm.marketing.scoring.LeadScorer;
import dev.pulsecrm.marketing.scoring.ScoringRules;
import dev.pulsecrm.marketing.scoring.ScoringRulesService;
import dev.pulsecrm.marketing.subscription.RecordSubscription;
import dev.pulsecrm.marketing.subscription.SubscriptionService;
import dev.pulsecrm.marketing.subscription.SubscriptionType;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.marketing.v1.MarketingFactsReply;
import dev.pulsecrm.proto.marketing.v1.MarketingGroupFacts;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The facts read from the rollups equal the facts of the scan they replaced ({@link MarketingFactsScan}, the oracle),
 * reply for reply (protobuf equality), for seeded random data written through the services and the import (so the
 * rollups are maintained the way they are in production: save listener, deferred import refresh, the refresh after
 * each {@code updateFirst}), then changed (contacts, qualifications, disqualifications, conversions, more events, a
 * scoring change that rescores every lead), and for random periods of every shape and every {@code group_by}.
 */
@MarketingServiceTest
class MarketingFactsEquivalenceTest {

	private static final long SEED = 20_261_123L;

	private static final List<String> COLLECTIONS = List.of("campaigns", "spend", "leads", "engagement_events",
			"subscriptions");

	/** The records are dated in [DATA_FROM, DATA_TO); periods reach before and after. */
	private static final Instant DATA_FROM = Instant.parse("2025-03-01T00:00:00Z");

	private static final Instant DATA_TO = Instant.parse("2026-03-01T00:00:00Z");

	/** After the last record: histories and moves add at most a few months to DATA_TO. */
	private static final Instant LAST = Instant.parse("2026-09-01T00:00:00Z");

	private static final long DAY = Duration.ofDays(1).toMillis();

	@Autowired
	MongoTemplate mongo;

	@Autowired
	CampaignService campaigns;

	@Autowired
	LeadService leads;

	@Autowired
	ConversionService conversions;

	@Autowired
	EngagementService engagement;

	@Autowired
	SubscriptionService subscriptions;

	@Autowired
	ScoringRulesService scoring;

	@Autowired
	MarketingFactsQueries queries;

	@Autowired
	Rollups rollups;

	@Autowired
	MockMvc mvc;

	private final Random random = new Random(SEED);

	private final List<Campaign> campaignList = new ArrayList<>();

	private final List<String> leadIds = new ArrayList<>();

	/** Instants of the records: period bounds at, just before and just after them test the half-open edges. */
	private final List<Instant> recordInstants = new ArrayList<>();

	private final Set<String> nonZero = new TreeSet<>();

	private long rollupNanos;

	private long scanNanos;

	private int compared;

	@AfterEach
	void removeTheRecordsAndRestoreTheRules() {
		clear();
		this.mongo.remove(Query.query(Criteria.where("_id").is(ScoringRules.CURRENT)), ScoringRules.class);
	}

	@Test
	void rollupRepliesEqualTheScanForRandomDataPeriodsAndEveryGroupBy() throws Exception {
		long started = System.nanoTime();
		clear();
		MarketingFactsScan oracle = new MarketingFactsScan(this.mongo);
		assertThat(this.rollups.ready()).isTrue();

		createCampaigns(6);
		recordSpend(35);
		createLeads(50);
		recordEvents(160);
		recordSubscriptions(40);
		importLines();
		long loaded = System.nanoTime() - started;
		compareRandomPeriods(oracle, 100);

		moveLeads();
		moveLeads();
		recordEvents(50);
		rescoreEveryLead();
		compareRandomPeriods(oracle, 80);

		// a rebuild over what is there changes nothing (refresh is idempotent)
		this.rollups.rebuild();
		compareRandomPeriods(oracle, 20);

		System.out.printf("MarketingFactsEquivalenceTest: records written in %d ms; %d replies compared in %d ms "
				+ "(rollups %d ms, scan %d ms)%n", loaded / 1_000_000, this.compared,
				(System.nanoTime() - started - loaded) / 1_000_000, this.rollupNanos / 1_000_000,
				this.scanNanos / 1_000_000);
		assertThat(this.compared).isEqualTo(200 * FactsDimension.values().length);
		// records deleted by a query leave the rollups too
		clear();
		for (FactsDimension dimension : FactsDimension.values()) {
			MarketingFactsReply empty = this.queries.facts(DATA_FROM.minus(Duration.ofDays(400)), LAST, dimension);
			assertThat(empty).isEqualTo(oracle.facts(DATA_FROM.minus(Duration.ofDays(400)), LAST, dimension));
			assertThat(empty.getGroupsCount()).isEqualTo(dimension == FactsDimension.NONE ? 1 : 0);
		}
		assertThat(this.nonZero).containsExactlyInAnyOrder("new_leads", "new_leads_converted", "spend", "pairs_sent",
				"pairs_bounced", "pairs_delivered", "pairs_opened", "pairs_clicked", "pairs_replied",
				"delivered_pairs_converted", "subscribed", "unsubscribed", "list_size_at_from", "first_contact",
				"spend of 0.00");
	}

	@Test
	void answersUnavailableWhileTheRollupsAreBeingBuilt() {
		// a Rollups that has not been built yet, as at start before the build finished
		Rollups unbuilt = new Rollups(this.mongo, List.of());
		MarketingFactsGrpcService service = new MarketingFactsGrpcService(
				new MarketingFactsQueries(this.mongo, unbuilt));
		AtomicReference<Throwable> error = new AtomicReference<>();
		List<MarketingFactsReply> replies = new ArrayList<>();

		service.getFacts(FactsRequest.newBuilder()
			.setFrom(timestamp(DATA_FROM))
			.setTo(timestamp(DATA_TO))
			.build(), new StreamObserver<>() {

				@Override
				public void onNext(MarketingFactsReply value) {
					replies.add(value);
				}

				@Override
				public void onError(Throwable t) {
					error.set(t);
				}

				@Override
				public void onCompleted() {
				}
			});

		assertThat(replies).isEmpty();
		assertThat(error.get()).isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(ex.getStatus().getDescription()).isEqualTo("KPI rollups are being built");
		});
	}

	private void compareRandomPeriods(MarketingFactsScan oracle, int periods) {
		for (int i = 0; i < periods; i++) {
			Instant[] period = period(i);
			for (FactsDimension dimension : FactsDimension.values()) {
				long started = System.nanoTime();
				MarketingFactsReply fromRollups = this.queries.facts(period[0], period[1], dimension);
				long between = System.nanoTime();
				MarketingFactsReply fromScan = oracle.facts(period[0], period[1], dimension);
				this.rollupNanos += between - started;
				this.scanNanos += System.nanoTime() - between;
				assertThat(fromRollups).as("[%s, %s) group_by '%s' (seed %d, period %d)", period[0], period[1],
						dimension.groupBy(), SEED, i).isEqualTo(fromScan);
				this.compared++;
				fromScan.getGroupsList().forEach(this::noteNonZero);
			}
		}
	}

	/** Which facts were not 0 in some compared reply: the data must exercise every one of them. */
	private void noteNonZero(MarketingGroupFacts group) {
		Map<String, Long> facts = Map.ofEntries(Map.entry("new_leads", group.getNewLeads()),
				Map.entry("new_leads_converted", group.getNewLeadsConverted()),
				Map.entry("spend", (long) group.getSpend().getByCurrencyCount()),
				Map.entry("pairs_sent", group.getPairsSent()), Map.entry("pairs_bounced", group.getPairsBounced()),
				Map.entry("pairs_delivered", group.getPairsDelivered()),
				Map.entry("pairs_opened", group.getPairsOpened()),
				Map.entry("pairs_clicked", group.getPairsClicked()),
				Map.entry("pairs_replied", group.getPairsReplied()),
				Map.entry("delivered_pairs_converted", group.getDeliveredPairsConverted()),
				Map.entry("subscribed", group.getSubscribed()), Map.entry("unsubscribed", group.getUnsubscribed()),
				Map.entry("list_size_at_from", group.getListSizeAtFrom()),
				Map.entry("first_contact", group.getFirstContact().getCount()));
		facts.forEach((fact, value) -> {
			if (value != 0) {
				this.nonZero.add(fact);
			}
		});
		group.getSpend().getByCurrencyList().forEach((money) -> {
			if (new BigDecimal(money.getAmount()).signum() == 0) {
				this.nonZero.add("spend of 0.00");
			}
		});
	}

	/** A period of one of twelve shapes, by turn (the long ones rarely: keyed reads cost a day document a day). */
	private Instant[] period(int i) {
		Instant from;
		Instant to;
		switch (i % 12) {
			case 0, 9 -> { // whole days
				from = dayStart(randomInstant(DATA_FROM.minus(Duration.ofDays(20)), DATA_TO.plus(Duration.ofDays(20))));
				to = from.plus(Duration.ofDays(1 + this.random.nextInt(45)));
			}
			case 1, 10 -> { // sub-day bounds
				from = randomInstant(DATA_FROM, DATA_TO).truncatedTo(ChronoUnit.MINUTES);
				to = from.plusSeconds(60 + this.random.nextInt(30 * 86_400));
			}
			case 2, 8 -> { // at, just before or just after record instants
				from = nudge(pick(this.recordInstants));
				to = nudge(pick(this.recordInstants));
				if (Duration.between(from, to).abs().toDays() > 120) {
					to = from.plusMillis(this.random.nextLong(60 * DAY));
				}
			}
			case 3 -> { // starting before any record
				from = randomInstant(DATA_FROM.minus(Duration.ofDays(200)), DATA_FROM);
				to = randomInstant(DATA_FROM, DATA_FROM.plus(Duration.ofDays(60)));
			}
			case 4 -> { // no record: before or after all of them
				from = this.random.nextBoolean() ? randomInstant(Instant.parse("2023-01-01T00:00:00Z"),
						DATA_FROM.minus(Duration.ofDays(100))) : randomInstant(LAST, LAST.plus(Duration.ofDays(40)));
				to = from.plusMillis(1 + this.random.nextLong(60 * DAY));
			}
			case 5 -> { // whole months, sometimes a whole year
				LocalDate month = LocalDate.ofInstant(randomInstant(DATA_FROM, DATA_TO), ZoneOffset.UTC).withDayOfMonth(1);
				if (i % 36 == 5) {
					from = month.withDayOfYear(1).atStartOfDay(ZoneOffset.UTC).toInstant();
					to = month.withDayOfYear(1).plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				else {
					from = month.atStartOfDay(ZoneOffset.UTC).toInstant();
					to = month.plusMonths(1 + this.random.nextInt(3)).atStartOfDay(ZoneOffset.UTC).toInstant();
				}
			}
			case 6 -> { // milliseconds, with nanoseconds the store does not keep
				from = pick(this.recordInstants).minusMillis(this.random.nextInt(3))
					.plusNanos(this.random.nextInt(1_000_000));
				to = from.plusMillis(this.random.nextInt(5 * (int) DAY)).plusNanos(this.random.nextInt(1_000_000));
			}
			case 7 -> { // within one millisecond: empty once truncated to what the store keeps
				from = pick(this.recordInstants).plusNanos(100);
				to = from.plusNanos(800);
			}
			default -> { // all of the history now and then, else a few days
				if (i % 24 == 11) {
					from = randomInstant(DATA_FROM.minus(Duration.ofDays(30)), DATA_FROM.plus(Duration.ofDays(30)));
					to = randomInstant(DATA_TO.minus(Duration.ofDays(30)), LAST.plus(Duration.ofDays(30)));
				}
				else {
					from = randomInstant(DATA_FROM, DATA_TO);
					to = from.plusMillis(this.random.nextLong(7 * DAY));
				}
			}
		}
		if (to.isBefore(from)) {
			Instant swap = from;
			from = to;
			to = swap;
		}
		if (!from.isBefore(to)) {
			to = from.plusMillis(1);
		}
		return new Instant[] { from, to };
	}

	// ------------------------------------------------------------------ data, through the services

	private void createCampaigns(int count) {
		String[] currencies = { "USD", "EUR", "GBP" };
		for (int i = 0; i < count; i++) {
			boolean targeted = this.random.nextInt(3) > 0;
			this.campaignList.add(this.campaigns
				.create(new CreateCampaign("Campaign " + i, pick(Channel.values()),
						new Money(new BigDecimal("50000"), currencies[i % currencies.length]),
						LocalDate.parse("2023-12-01"), null, targeted ? pick(regions()) : null,
						targeted ? pick(industries()) : null, targeted ? pick(segments()) : null, null,
						Instant.parse("2023-12-01T00:00:00Z")))
				.value());
		}
	}

	private void recordSpend(int count) {
		for (int i = 0; i < count; i++) {
			Campaign campaign = pick(this.campaignList);
			// some entries of 0.00: their currency still shows in the period's spend
			long cents = this.random.nextInt(8) == 0 ? 0 : this.random.nextInt(2_000_000);
			LocalDate date = LocalDate.ofInstant(randomInstant(DATA_FROM, DATA_TO), ZoneOffset.UTC);
			this.campaigns.recordSpend(campaign, new RecordSpend(
					new Money(BigDecimal.valueOf(cents, 2), campaign.budget().currency()), date, null));
			this.recordInstants.add(date.atStartOfDay(ZoneOffset.UTC).toInstant());
		}
	}

	private void createLeads(int count) {
		for (int i = 0; i < count; i++) {
			// some leads share an instant, some are created at midnight
			Instant createdAt = switch (this.random.nextInt(6)) {
				case 0 -> dayStart(randomInstant(DATA_FROM, DATA_TO));
				case 1 -> this.recordInstants.isEmpty() ? randomInstant(DATA_FROM, DATA_TO) : pick(this.recordInstants);
				default -> randomInstant(DATA_FROM, DATA_TO);
			};
			LeadHistory history = null;
			int steps = this.random.nextInt(4);
			if (steps > 0) {
				Instant contacted = later(createdAt);
				Instant qualified = steps >= 2 ? later(contacted) : null;
				Instant disqualified = steps == 3 ? later(qualified) : null;
				history = new LeadHistory(contacted, qualified, disqualified, disqualified == null ? null : "budget");
			}
			Campaign campaign = this.random.nextInt(5) == 0 ? null : pick(this.campaignList);
			Lead lead = this.leads.create(new CreateLead("Lead " + i, "lead" + i + "@example.com", "Company " + i, 10,
					maybe(industries()), maybe(regions()), maybe(segments()), "Buyer", pick(Channel.values()),
					campaign == null ? null : campaign.id(), "ana", null, createdAt), history).value();
			this.leadIds.add(lead.id());
			remember(lead);
		}
	}

	private void recordEvents(int count) {
		EngagementType[] types = { EngagementType.SENT, EngagementType.SENT, EngagementType.SENT,
				EngagementType.BOUNCED, EngagementType.OPENED, EngagementType.OPENED, EngagementType.CLICKED,
				EngagementType.REPLIED };
		Campaign campaign = pick(this.campaignList);
		String leadId = pick(this.leadIds);
		EngagementType type = EngagementType.SENT;
		Instant at = randomInstant(DATA_FROM, DATA_TO);
		for (int i = 0; i < count; i++) {
			switch (this.random.nextInt(10)) {
				case 0 -> {
					// the same event again: a no-op
				}
				case 1, 2, 3 -> { // the same pair, another type and instant
					type = pick(types);
					at = this.random.nextBoolean() ? later(at) : randomInstant(DATA_FROM, DATA_TO);
				}
				default -> {
					campaign = pick(this.campaignList);
					leadId = pick(this.leadIds);
					type = pick(types);
					at = this.random.nextInt(8) == 0 ? pick(this.recordInstants) : randomInstant(DATA_FROM, DATA_TO);
				}
			}
			this.engagement.record(campaign, this.leads.get(leadId), type, at);
			this.recordInstants.add(at);
		}
	}

	private void recordSubscriptions(int count) {
		for (int i = 0; i < count; i++) {
			Instant at = this.random.nextInt(6) == 0 ? dayStart(randomInstant(DATA_FROM, DATA_TO))
					: randomInstant(DATA_FROM, DATA_TO);
			String email = "reader" + this.random.nextInt(25) + "@example.com";
			SubscriptionType type = this.random.nextInt(3) == 0 ? SubscriptionType.UNSUBSCRIBED
					: SubscriptionType.SUBSCRIBED;
			this.subscriptions.record(new RecordSubscription(email, type, at, null));
			if (this.random.nextInt(8) == 0) {
				this.subscriptions.record(new RecordSubscription(email, type, at, null)); // duplicate: ignored
			}
			this.recordInstants.add(at);
		}
	}

	/** Campaigns, spend, leads with history, events and list changes through the NDJSON import. */
	private void importLines() throws Exception {
		StringBuilder ndjson = new StringBuilder();
		ndjson.append(
				"{\"type\": \"campaign\", \"externalId\": \"eq-c1\", \"name\": \"Imported webinars\", \"channel\": \"WEBINAR\", \"budget\": {\"amount\": 9000, \"currency\": \"USD\"}, \"startDate\": \"2024-01-01\", \"region\": \"EU\"}\n");
		ndjson.append(
				"{\"type\": \"campaign\", \"externalId\": \"eq-c2\", \"name\": \"Imported social\", \"channel\": \"SOCIAL\", \"budget\": {\"amount\": 9000, \"currency\": \"EUR\"}, \"startDate\": \"2024-01-01\"}\n");
		for (int i = 0; i < 8; i++) {
			String campaign = (i % 2 == 0) ? "eq-c1" : "eq-c2";
			String currency = (i % 2 == 0) ? "USD" : "EUR";
			ndjson.append(String.format(
					"{\"type\": \"spend\", \"campaignExternalId\": \"%s\", \"amount\": {\"amount\": %d.%02d, \"currency\": \"%s\"}, \"date\": \"%s\"}%n",
					campaign, this.random.nextInt(5000), this.random.nextInt(100), currency,
					LocalDate.ofInstant(randomInstant(DATA_FROM, DATA_TO), ZoneOffset.UTC)));
		}
		for (int i = 0; i < 12; i++) {
			Instant created = randomInstant(DATA_FROM, DATA_TO);
			Instant contacted = later(created);
			String history = switch (i % 3) {
				case 0 -> "";
				case 1 -> String.format(", \"ownerId\": \"ana\", \"contactedAt\": \"%s\"", contacted);
				default -> String.format(", \"ownerId\": \"ana\", \"contactedAt\": \"%s\", \"qualifiedAt\": \"%s\"",
						contacted, later(contacted));
			};
			ndjson.append(String.format(
					"{\"type\": \"lead\", \"externalId\": \"eq-l%d\", \"name\": \"Imported %d\", \"channel\": \"%s\", \"campaignExternalId\": \"%s\", \"region\": \"%s\", \"createdAt\": \"%s\"%s}%n",
					i, i, pick(Channel.values()), (i % 2 == 0) ? "eq-c1" : "eq-c2", pick(regions()), created,
					history));
		}
		for (int i = 0; i < 25; i++) {
			ndjson.append(String.format(
					"{\"type\": \"event\", \"campaignExternalId\": \"%s\", \"leadExternalId\": \"eq-l%d\", \"event\": \"%s\", \"at\": \"%s\"}%n",
					this.random.nextBoolean() ? "eq-c1" : "eq-c2", this.random.nextInt(12),
					pick(EngagementType.values()), randomInstant(DATA_FROM, DATA_TO)));
		}
		for (int i = 0; i < 6; i++) {
			ndjson.append(String.format(
					"{\"type\": \"subscription\", \"email\": \"imported%d@example.com\", \"action\": \"%s\", \"at\": \"%s\"}%n",
					this.random.nextInt(4), pick(SubscriptionType.values()), randomInstant(DATA_FROM, DATA_TO)));
		}
		this.mvc
			.perform(MockMvcRequestBuilders.post("/api/marketing/import")
				.contentType("application/x-ndjson")
				.content(ndjson.toString()))
			.andExpect(status().isOk());
		this.mongo.find(Query.query(Criteria.where("externalId").regex("^eq-l")), Lead.class).forEach((lead) -> {
			this.leadIds.add(lead.id());
			remember(lead);
		});
		this.campaignList.addAll(this.mongo.find(Query.query(Criteria.where("externalId").regex("^eq-c")),
				Campaign.class));
	}

	/** One step of each of about half the leads: contact, re-contact, qualify, disqualify or convert. */
	private void moveLeads() {
		for (String id : this.leadIds) {
			if (this.random.nextBoolean()) {
				continue;
			}
			Lead lead = this.leads.get(id);
			Instant last = (lead.lastContactAt() != null && lead.lastContactAt().isAfter(lead.statusChangedAt()))
					? lead.lastContactAt() : lead.statusChangedAt();
			Instant at = later(last);
			switch (lead.status()) {
				case NEW -> this.leads.contact(id, new ContactLead("ana", at));
				case CONTACTED -> {
					if (this.random.nextInt(4) == 0) {
						this.leads.contact(id, new ContactLead("ben", at)); // keeps the first contact
					}
					else {
						this.leads.qualify(id, new QualifyLead(at));
					}
				}
				case QUALIFIED -> {
					if (this.random.nextInt(4) == 0) {
						this.leads.disqualify(id, new DisqualifyLead("no budget", at));
					}
					else {
						convert(lead, at);
					}
				}
				default -> {
					// DISQUALIFIED and CONVERTED are final
				}
			}
			remember(this.leads.get(id));
		}
	}

	/**
	 * Converts as a client does: "sales is unavailable, retry later" is retried (the first call of a test JVM to the
	 * in-process sales can outlast the short test deadline on a busy machine; sales is idempotent on the lead).
	 */
	private void convert(Lead lead, Instant at) {
		ConvertLead command = new ConvertLead("Deal " + lead.name(), new Money(new BigDecimal("1000"), "USD"), "ana",
				"emea", null, at);
		for (int attempt = 1;; attempt++) {
			try {
				this.conversions.convert(lead.id(), command);
				return;
			}
			catch (ProblemException ex) {
				if (ex.status() != HttpStatus.SERVICE_UNAVAILABLE || attempt == 3) {
					throw ex;
				}
			}
		}
	}

	/** New engagement points: every lead's score is recomputed with updateFirst. */
	private void rescoreEveryLead() {
		Map<EngagementType, Integer> points = new EnumMap<>(EngagementType.class);
		for (EngagementType type : EngagementType.values()) {
			points.put(type, 1 + this.random.nextInt(9));
		}
		ScoringRules rules = this.scoring.replace(new ScoringRules(ScoringRules.CURRENT, List.of(), points));
		assertThat(this.mongo.findAll(Lead.class))
			.allSatisfy((lead) -> assertThat(lead.score()).isEqualTo(LeadScorer.score(lead, rules)));
	}

	private void remember(Lead lead) {
		for (Instant at : new Instant[] { lead.createdAt(), lead.firstContactAt(), lead.convertedAt() }) {
			if (at != null) {
				this.recordInstants.add(at);
			}
		}
	}

	private void clear() {
		// deletes by query: the rollups follow (the platform's RollupListener reads the matching ids before the delete)
		COLLECTIONS.forEach((collection) -> this.mongo.remove(new Query(), collection));
	}

	// ------------------------------------------------------------------ randomness

	/** A later instant, up to 20 days after, never in the future of the data. */
	private Instant later(Instant at) {
		return at.plusMillis(this.random.nextInt(4) == 0 ? this.random.nextInt(2) : 1 + this.random.nextInt((int) (20 * DAY)));
	}

	private Instant nudge(Instant at) {
		return at.plusMillis(this.random.nextInt(3) - 1);
	}

	private Instant randomInstant(Instant from, Instant to) {
		return from.plusMillis((long) (this.random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli())));
	}

	private static Instant dayStart(Instant at) {
		return at.truncatedTo(ChronoUnit.DAYS);
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private <T> T pick(T[] values) {
		return values[this.random.nextInt(values.length)];
	}

	/** A value, or none (the record lands in the group "none"). */
	private String maybe(String[] values) {
		return this.random.nextInt(4) == 0 ? null : pick(values);
	}

	private static String[] regions() {
		return new String[] { "EU", "US", "APAC" };
	}

	private static String[] industries() {
		return new String[] { "SaaS", "Retail", "Health" };
	}

	private static String[] segments() {
		return new String[] { "SMB", "MID", "ENT" };
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}
}
