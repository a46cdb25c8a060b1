package dev.pulsecrm.sales.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.SalesGroupFacts;
import dev.pulsecrm.sales.SalesServiceTest;
import dev.pulsecrm.sales.account.Account;
import dev.pulsecrm.sales.account.AccountService;
import dev.pulsecrm.sales.account.ChurnAccount;
import dev.pulsecrm.sales.account.CreateAccount;
import dev.pulsecrm.sales.deal.CreateDeal;
import dev.pulsecrm.sales.deal.Deal;
import dev.pulsecrm.sales.deal.Deal.DealType;
import dev.pulsecrm.sales.deal.DealHistory;
import dev.pulsecrm.sales.deal.DealService;
import dev.pulsecrm.sales.deal.LoseDeal;
import dev.pulsecrm.sales.deal.MoveDeal;
import dev.pulsecrm.sales.deal.WinDeal;
import dev.pulsecrm.sales.pipeline.Pipeline;
import dev.pulsecrm.sales.pipeline.PipelineService;
import dev.pulsecrm.sales.pipeline.PipelineStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup-based {@link SalesFactsCalculator} answers exactly what the scan over the raw collections
 * ({@link ScanSalesFactsCalculator}, the calculator before the rollups) answers: seeded random accounts and deals
 * written through the services (creations with and without history, stage moves including zero-length visits, wins
 * with final amounts, losses, churns, wins recorded out of order that move {@code customerSince} back, simultaneous
 * wins of one account under different campaigns, a stage that leaves the pipeline, removals by query), then many
 * random periods for every {@code group_by}, compared as protobuf messages.
 */
class SalesFactsEquivalenceTest extends SalesServiceTest {

	static final Instant T0 = Instant.parse("2021-03-01T00:00:00Z");

	static final String[] OWNERS = { "ann", "bob", "cat" };

	static final String[] TEAMS = { "east", "west", null };

	static final String[] REGIONS = { "EMEA", "APAC", null };

	static final String[] CAMPAIGNS = { "c1", "c2", "c.3$", null };

	static final String[] CURRENCIES = { "USD", "EUR", "JPY" };

	static final List<String> STAGES = List.of("QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "DEMO");

	@Autowired
	AccountService accounts;

	@Autowired
	DealService deals;

	@Autowired
	PipelineService pipelines;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SalesFactsCalculator rollupCalculator;

	final List<String> accountIds = new ArrayList<>();

	final List<Instant> instants = new ArrayList<>();

	Random random;

	ScanSalesFactsCalculator oracle;

	@AfterEach
	void restoreThePipelineAndLeaveNoData() {
		this.mongo.remove(Query.query(Criteria.where("name").is("equivalence")), Deal.class);
		this.mongo.remove(Query.query(Criteria.where("name").is("equivalence")), Account.class);
		this.mongo.remove(new Query(), "pipeline");
	}

	@Test
	void rollupFactsEqualTheScannedFactsForRandomPeriodsAndEveryGrouping() {
		this.random = new Random(20210301);
		this.oracle = new ScanSalesFactsCalculator(this.mongo, this.pipelines);
		List<PipelineStage> withDemo = new ArrayList<>(Pipeline.DEFAULT.stages());
		withDemo.add(new PipelineStage("DEMO", "Demo", 5, 0.3));
		this.pipelines.replace(new Pipeline(withDemo));

		for (int i = 0; i < 24; i++) {
			this.accountIds.add(this.accounts.create(new CreateAccount("equivalence", pick(new String[] { "Software",
					"Retail", null }), pick(REGIONS), pick(new String[] { "SMB", "ENT" }), pick(OWNERS), pick(TEAMS),
					null, T0.minus(Duration.ofDays(400)))).account().id());
		}
		List<DealPlan> plans = new ArrayList<>();
		for (int j = 0; j < 110; j++) {
			plans.add((j % 7 == 6) ? twin(plans.get(j - 1)) : plan());
		}
		long started = System.nanoTime();
		int halfway = plans.size() / 2;
		apply(plans.subList(0, halfway));
		compare(12);
		apply(plans.subList(halfway, plans.size()));
		churnSome();
		// wins after the churns: some earlier than customerSince, which moves it back
		List<DealPlan> late = new ArrayList<>();
		for (int j = 0; j < 12; j++) {
			late.add(plan());
		}
		apply(late);
		retireTheDemoStage();
		removeSomeByQuery();
		compare(120);
		assertThat(this.seen).as("the data exercises every kind of fact").hasSize(7);
		System.out.println("sales facts equivalence: " + (System.nanoTime() - started) / 1_000_000 + " ms in all, "
				+ this.oracleNanos / 1_000_000 + " ms scanning, " + this.rollupNanos / 1_000_000 + " ms from rollups");
	}

	/** One deal's life: created (maybe with its whole history), then each later step as its own write. */
	record DealPlan(CreateDeal create, List<MoveDeal> moves, Instant outcomeAt, boolean win, Money finalAmount,
			boolean withHistory) {
	}

	private DealPlan plan() {
		String account = this.accountIds.get(this.random.nextInt(this.accountIds.size()));
		Instant createdAt = T0.plus(Duration.ofMinutes(this.random.nextInt(300 * 24 * 60)));
		if (this.random.nextInt(5) == 0) {
			createdAt = createdAt.plusMillis(this.random.nextInt(1000));
		}
		String currency = pick(CURRENCIES);
		long cents = (this.random.nextInt(8) == 0) ? 0 : this.random.nextInt(1_000_000);
		Instant leadCreatedAt = this.random.nextBoolean() ? null
				: createdAt.minus(Duration.ofHours(this.random.nextInt(2000)));
		String stage = STAGES.get(this.random.nextInt(STAGES.size()));
		CreateDeal create = new CreateDeal(account, "equivalence", pick(OWNERS), pick(TEAMS), Money.ofCents(cents,
				currency), DealType.values()[this.random.nextInt(DealType.values().length)], stage, null,
				pick(CAMPAIGNS), null, leadCreatedAt, null, createdAt);
		List<MoveDeal> moves = new ArrayList<>();
		Instant at = createdAt;
		String current = stage;
		for (int m = this.random.nextInt(5); m > 0; m--) {
			// now and then a move at the same instant: a visit of no length
			at = (this.random.nextInt(6) == 0) ? at : at.plus(Duration.ofMinutes(1 + this.random.nextInt(40 * 24 * 60)));
			String next = current;
			while (next.equals(current)) {
				next = STAGES.get(this.random.nextInt(STAGES.size()));
			}
			moves.add(new MoveDeal(next, at));
			current = next;
		}
		int outcome = this.random.nextInt(10);
		Instant outcomeAt = (outcome < 7) ? at.plus(Duration.ofMinutes(this.random.nextInt(20 * 24 * 60))) : null;
		Money finalAmount = (outcome < 4 && this.random.nextInt(3) == 0)
				? Money.ofCents(this.random.nextInt(2_000_000), pick(CURRENCIES)) : null;
		note(createdAt);
		moves.forEach((move) -> note(move.at()));
		note(outcomeAt);
		return new DealPlan(create, moves, outcomeAt, outcome < 4, finalAmount, this.random.nextInt(4) == 0);
	}

	/**
	 * A deal of the same account won at the same instant as {@code other} (when that one is won), under its own
	 * campaign: a tie between the deals that made the account a customer, decided by the smallest deal id.
	 */
	private DealPlan twin(DealPlan other) {
		if (!other.win()) {
			return plan();
		}
		CreateDeal create = other.create();
		CreateDeal twin = new CreateDeal(create.accountId(), "equivalence", pick(OWNERS), pick(TEAMS),
				Money.ofCents(this.random.nextInt(50_000), pick(CURRENCIES)), DealType.NEW_BUSINESS, "QUALIFICATION",
				null, pick(CAMPAIGNS), null, null, null, create.createdAt());
		return new DealPlan(twin, List.of(), other.outcomeAt(), true, null, this.random.nextBoolean());
	}

	/** Writes the plans: creations first (in random order), then their steps interleaved in random order. */
	private void apply(List<DealPlan> plans) {
		List<DealPlan> order = new ArrayList<>(plans);
		java.util.Collections.shuffle(order, this.random);
		List<String> ids = new ArrayList<>();
		List<Integer> next = new ArrayList<>();
		for (DealPlan plan : order) {
			if (plan.withHistory()) {
				List<DealHistory.Entry> entries = new ArrayList<>();
				entries.add(new DealHistory.Entry(plan.create().stage(), plan.create().createdAt()));
				plan.moves().forEach((move) -> entries.add(new DealHistory.Entry(move.stage(), move.at())));
				DealHistory history = new DealHistory(entries, plan.win() ? plan.outcomeAt() : null,
						plan.win() ? plan.finalAmount() : null, (!plan.win() && plan.outcomeAt() != null)
								? plan.outcomeAt() : null, (!plan.win() && plan.outcomeAt() != null) ? "price" : null);
				ids.add(this.deals.create(plan.create(), history).deal().id());
				next.add(Integer.MAX_VALUE);
			}
			else {
				ids.add(this.deals.create(plan.create()).deal().id());
				next.add(0);
			}
		}
		boolean progressed = true;
		while (progressed) {
			progressed = false;
			for (int i : shuffledIndexes(order.size())) {
				DealPlan plan = order.get(i);
				int step = next.get(i);
				if (step < plan.moves().size()) {
					this.deals.move(ids.get(i), plan.moves().get(step));
				}
				else if (step == plan.moves().size() && plan.outcomeAt() != null) {
					if (plan.win()) {
						this.deals.win(ids.get(i), new WinDeal(plan.outcomeAt(), plan.finalAmount()));
					}
					else {
						this.deals.lose(ids.get(i), new LoseDeal(pick(new String[] { "price", "timing" }),
								plan.outcomeAt()));
					}
				}
				else {
					continue;
				}
				next.set(i, step + 1);
				progressed = true;
			}
		}
	}

	private List<Integer> shuffledIndexes(int size) {
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			indexes.add(i);
		}
		java.util.Collections.shuffle(indexes, this.random);
		return indexes;
	}

	/** A third of the customers churn, some exactly at their customerSince; some win again after churning. */
	private void churnSome() {
		for (String id : this.accountIds) {
			Account account = this.accounts.get(id);
			if (account.customerSince() == null || this.random.nextInt(3) != 0) {
				continue;
			}
			Instant at = this.random.nextInt(5) == 0 ? account.customerSince()
					: account.customerSince().plus(Duration.ofMinutes(this.random.nextInt(100 * 24 * 60)));
			this.accounts.churn(id, new ChurnAccount("gone", at));
			note(at);
		}
	}

	/** DEMO leaves the pipeline once no open deal is in it: its past visits stay in the facts. */
	private void retireTheDemoStage() {
		for (Deal deal : this.mongo.find(Query.query(Criteria.where("status").is("OPEN").and("stage").is("DEMO")),
				Deal.class)) {
			Instant at = deal.stageHistory().get(deal.stageHistory().size() - 1).enteredAt().plus(Duration.ofHours(3));
			this.deals.move(deal.id(), new MoveDeal("PROPOSAL", at));
			note(at);
		}
		this.pipelines.replace(Pipeline.DEFAULT);
	}

	/**
	 * Removals by query (no entity, only the collection name) withdraw the records' contributions too. A deal won at its
	 * account's customerSince stays: the account keeps what that win gave it (customerSince, the acquiring deal's
	 * campaign), so removing it behind the service's back (no API does) would leave facts the scan cannot define.
	 */
	private void removeSomeByQuery() {
		List<Deal> all = this.mongo.find(Query.query(Criteria.where("name").is("equivalence")), Deal.class);
		Map<String, Instant> customerSince = new HashMap<>();
		this.mongo.find(Query.query(Criteria.where("name").is("equivalence")), Account.class)
			.forEach((account) -> customerSince.put(account.id(), account.customerSince()));
		List<String> doomed = all.stream()
			.filter((deal) -> this.random.nextInt(12) == 0)
			.filter((deal) -> deal.wonAt() == null || !deal.wonAt().equals(customerSince.get(deal.accountId())))
			.map(Deal::id)
			.toList();
		this.mongo.remove(Query.query(Criteria.where("_id").in(doomed)), "deals");
		assertThat(this.mongo.count(Query.query(Criteria.where("name").is("equivalence")), Deal.class))
			.isEqualTo(all.size() - doomed.size());
		List<Account> customers = this.mongo.find(Query.query(Criteria.where("name").is("equivalence")
			.and("status").is("CHURNED")), Account.class);
		if (!customers.isEmpty()) {
			// an account erased with its deals (the facts of deals whose account is gone are not defined)
			String erased = customers.get(0).id();
			this.mongo.remove(Query.query(Criteria.where("accountId").is(erased)), "deals");
			this.mongo.remove(Query.query(Criteria.where("_id").is(erased)), "accounts");
		}
	}

	private long oracleNanos;

	private long rollupNanos;

	private void compare(int periods) {
		List<Instant> known = new ArrayList<>(this.instants);
		known.sort(Comparator.naturalOrder());
		for (int p = 0; p < periods; p++) {
			Instant[] period = period(p, known);
			for (FactsDimension dimension : FactsDimension.values()) {
				long t0 = System.nanoTime();
				SalesFactsReply expected = this.oracle.compute(period[0], period[1], dimension);
				long t1 = System.nanoTime();
				SalesFactsReply actual = this.rollupCalculator.compute(period[0], period[1], dimension);
				this.oracleNanos += t1 - t0;
				this.rollupNanos += System.nanoTime() - t1;
				assertThat(actual).as("group_by '%s' over [%s, %s)", dimension.key, period[0], period[1])
					.isEqualTo(expected);
				note(dimension, expected);
			}
		}
	}

	/** Whole days, sub-day and millisecond bounds, bounds on the data's own instants, before and after all data. */
	private Instant[] period(int p, List<Instant> known) {
		Instant first = known.get(0);
		Instant last = known.get(known.size() - 1);
		long span = last.toEpochMilli() - first.toEpochMilli();
		Instant from;
		Instant to;
		switch (p % 8) {
			case 0 -> {
				from = first.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(this.random.nextInt(400)));
				to = from.plus(Duration.ofDays(1 + this.random.nextInt(120)));
			}
			case 1 -> {
				from = first.plus(Duration.ofMinutes(this.random.nextInt((int) (span / 60_000))))
					.truncatedTo(ChronoUnit.HOURS);
				to = from.plus(Duration.ofMinutes(1 + this.random.nextInt(90 * 24 * 60)));
			}
			case 2 -> {
				from = first.plusMillis((long) (this.random.nextDouble() * span));
				to = from.plusMillis(1 + (long) (this.random.nextDouble() * span / 3));
			}
			case 3 -> {
				// exactly on the instants something happened, or a millisecond off
				from = known.get(this.random.nextInt(known.size())).plusMillis(this.random.nextInt(3) - 1);
				to = known.get(this.random.nextInt(known.size())).plusMillis(this.random.nextInt(3) - 1);
				if (!from.isBefore(to)) {
					Instant swap = from;
					from = to;
					to = swap.plusMillis(1);
				}
			}
			case 4 -> {
				// starting before any data
				from = first.minus(Duration.ofMinutes(1 + this.random.nextInt(400 * 24 * 60)));
				to = first.plusMillis((long) (this.random.nextDouble() * span));
			}
			case 5 -> {
				// empty: before any data, or after it
				from = (this.random.nextBoolean() ? Instant.parse("1995-01-01T00:00:00Z") : last.plus(Duration.ofDays(3)))
					.plus(Duration.ofHours(this.random.nextInt(1000)));
				to = from.plus(Duration.ofDays(1 + this.random.nextInt(60)));
			}
			case 6 -> {
				// whole months and years (read from the month and year sums)
				from = Instant.parse(this.random.nextBoolean() ? "2021-01-01T00:00:00Z" : "2021-04-01T00:00:00Z");
				to = Instant.parse(this.random.nextBoolean() ? "2022-01-01T00:00:00Z" : "2022-03-01T00:00:00Z");
			}
			default -> {
				from = first.minus(Duration.ofDays(this.random.nextInt(30)));
				to = last.plus(Duration.ofDays(this.random.nextInt(30)));
			}
		}
		return new Instant[] { from, to };
	}

	/** What the compared replies held, so the test proves the data reached every kind of fact. */
	private final java.util.Set<String> seen = new java.util.TreeSet<>();

	private void note(FactsDimension dimension, SalesFactsReply reply) {
		for (SalesGroupFacts group : reply.getGroupsList()) {
			if (dimension == FactsDimension.CAMPAIGN && group.getNewCustomers() > 0
					&& !group.getGroupMap().get("campaign").isEmpty()) {
				this.seen.add("new customers by campaign");
			}
			if (group.getNewCustomers() > group.getNewCustomersActiveAtTo()) {
				this.seen.add("new customers churned");
			}
			if (group.getUpsellAccounts() > 0) {
				this.seen.add("upsell");
			}
			if (group.getRevenueFromNewCustomers().getByCurrencyCount() > 1) {
				this.seen.add("revenue from new customers in several currencies");
			}
			if (group.getOpenDeals() > 0 && group.getCustomersActiveAtFrom() > 0 && group.getCustomersChurned() > 0) {
				this.seen.add("open deals and customers");
			}
			if (group.getStagesList().stream().anyMatch((stage) -> stage.getStage().equals("DEMO")
					&& stage.getVisitsEnded().getCount() > 0)) {
				this.seen.add("a stage no longer configured");
			}
			if (group.getRevenue().getByCurrencyList().stream().anyMatch((money) -> money.getAmount().equals("0.00"))) {
				this.seen.add("a currency whose amounts sum to 0");
			}
		}
	}

	private void note(Instant at) {
		if (at != null) {
			this.instants.add(at);
		}
	}

	private <T> T pick(T[] values) {
		return values[this.random.nextInt(values.length)];
	}

}
