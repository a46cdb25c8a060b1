package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.pulsecrm.sales.facts.FactsGroups.GroupFacts;
import dev.pulsecrm.sales.facts.FactsGroups.Groups;
import dev.pulsecrm.sales.facts.FactsGroups.StageTotals;
import dev.pulsecrm.proto.sales.v1.SalesFactsReply;
import dev.pulsecrm.proto.sales.v1.StageFacts;
import dev.pulsecrm.sales.pipeline.PipelineService;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The test oracle: {@code SalesFacts} computed the way the service did before the rollups, by scanning the raw
 * collections for a half-open period [from, to) (KPIS.md gives the definitions). The rollup-based
 * {@link SalesFactsCalculator} must answer exactly the same.
 * Every aggregation uses only {@code $match}, {@code $unwind} and {@code $group} with {@code $sum}/{@code $addToSet}
 * over numbers stored at write time, so it runs the same on MongoDB and on the embedded server.
 *
 * <p>What each {@code group_by} splits; every other field of a group stays 0 (or empty):
 * <ul>
 * <li>{@code ""}: one group with every field;</li>
 * <li>{@code owner}, {@code team}, {@code region}, {@code segment}, {@code industry}: every field; deal facts by
 * the deal's field, customer counts by the account's field;</li>
 * <li>{@code campaign}: every deal fact (won, lost, revenue, accounts, upsell, cycle, lead-to-customer, revenue from
 * new customers, stages, pipeline), and the new customers (with those still active at {@code to}) by the campaign of
 * the deal whose win made each a customer, so CAC and acquired value split by campaign and channel; the other
 * customer counts (active, churned) stay 0;</li>
 * <li>{@code stage}: one group per stage with that stage's {@code StageFacts} and its {@code pipeline_value} and
 * {@code open_deals} at {@code to}; everything else 0;</li>
 * <li>{@code lossReason}: {@code deals_lost} only.</li>
 * </ul>
 * A deal or account without a value for the dimension falls in the group whose value is {@code ""}.
 */
class ScanSalesFactsCalculator {

	private static final String DEALS = "deals";

	private static final String ACCOUNTS = "accounts";

	private final MongoTemplate mongo;

	private final PipelineService pipelines;

	ScanSalesFactsCalculator(MongoTemplate mongo, PipelineService pipelines) {
		this.mongo = mongo;
		this.pipelines = pipelines;
	}

	SalesFactsReply compute(Instant from, Instant to, FactsDimension dimension) {
		Groups groups = new Groups();
		if (dimension.splitsDealFacts()) {
			String field = dimension.dealField;
			wonDeals(groups, from, to, field);
			upsellAccounts(groups, from, to, field);
			leadToCustomer(groups, from, to, field);
			revenueFromNewCustomers(groups, from, to, field);
		}
		if (dimension.splitsLostDeals()) {
			lostDeals(groups, from, to, dimension.lostDealField());
		}
		if (dimension.splitsStageFacts()) {
			String field = dimension == FactsDimension.STAGE ? null : dimension.dealField;
			visitsEnded(groups, from, to, field);
			closedDealsEntered(groups, from, to, field);
			openAtTo(groups, to, field);
		}
		if (dimension.splitsCustomers()) {
			customers(groups, from, to, dimension.accountField);
		}
		else if (dimension == FactsDimension.CAMPAIGN) {
			newCustomersByCampaign(groups, from, to);
		}
		return groups.toReply(dimension, this.pipelines.current());
	}

	// deals won in period: count, revenue per currency, accounts, cycle (wonAt − createdAt stored as cycleMillis)
	private void wonDeals(Groups groups, Instant from, Instant to, String field) {
		var rows = aggregate(DEALS, match(new Document("wonAt", range(from, to))),
				group(id(field).append("c", "$amount.currency"), new Document("n", sum(1))
					.append("cents", sum("$amountCents"))
					.append("cycle", sum("$cycleMillis"))
					.append("accounts", new Document("$addToSet", "$accountId"))));
		Map<String, Set<String>> accounts = new HashMap<>();
		for (Document row : rows) {
			GroupFacts facts = groups.of(key(row));
			long count = count(row, "n");
			facts.dealsWon += count;
			facts.cycleCount += count;
			facts.cycleMillis += count(row, "cycle");
			facts.revenue.merge(idValue(row, "c"), count(row, "cents"), Long::sum);
			for (Object account : row.getList("accounts", Object.class)) {
				accounts.computeIfAbsent(key(row), (g) -> new HashSet<>()).add(String.valueOf(account));
			}
		}
		accounts.forEach((group, distinct) -> groups.of(group).accountsWithWonDeal = distinct.size());
	}

	private void upsellAccounts(Groups groups, Instant from, Instant to, String field) {
		var rows = aggregate(DEALS,
				match(new Document("wonAt", range(from, to)).append("type",
						new Document("$in", List.of("UPSELL", "CROSS_SELL")))),
				group(id(field), new Document("accounts", new Document("$addToSet", "$accountId"))));
		for (Document row : rows) {
			groups.of(key(row)).upsellAccounts = row.getList("accounts", Object.class).size();
		}
	}

	// wonAt − leadCreatedAt, stored at the win as leadToCustomerMillis for deals that came from a lead
	private void leadToCustomer(Groups groups, Instant from, Instant to, String field) {
		var rows = aggregate(DEALS,
				match(new Document("wonAt", range(from, to)).append("leadToCustomerMillis",
						new Document("$ne", null))),
				group(id(field), new Document("n", sum(1)).append("total", sum("$leadToCustomerMillis"))));
		for (Document row : rows) {
			GroupFacts facts = groups.of(key(row));
			facts.leadToCustomerCount += count(row, "n");
			facts.leadToCustomerMillis += count(row, "total");
		}
	}

	// deals won in period by accounts whose customerSince is in the period (two steps: no joins)
	private void revenueFromNewCustomers(Groups groups, Instant from, Instant to, String field) {
		List<String> newCustomers = new ArrayList<>();
		for (Document account : this.mongo.getCollection(ACCOUNTS)
			.find(new Document("customerSince", range(from, to)))
			.projection(new Document("_id", 1))) {
			newCustomers.add(account.get("_id").toString());
		}
		if (newCustomers.isEmpty()) {
			return;
		}
		var rows = aggregate(DEALS,
				match(new Document("wonAt", range(from, to)).append("accountId", new Document("$in", newCustomers))),
				group(id(field).append("c", "$amount.currency"), new Document("cents", sum("$amountCents"))));
		for (Document row : rows) {
			groups.of(key(row)).revenueFromNewCustomers.merge(idValue(row, "c"), count(row, "cents"), Long::sum);
		}
	}

	private void lostDeals(Groups groups, Instant from, Instant to, String field) {
		var rows = aggregate(DEALS, match(new Document("lostAt", range(from, to))),
				group(id(field), new Document("n", sum(1))));
		for (Document row : rows) {
			groups.of(key(row)).dealsLost += count(row, "n");
		}
	}

	// stage visits whose exitedAt is in the period, with the durationMillis stored when each visit ended
	private void visitsEnded(Groups groups, Instant from, Instant to, String field) {
		Document ended = new Document("stageHistory.exitedAt", range(from, to));
		var rows = aggregate(DEALS, match(ended), unwind("$stageHistory"), match(ended),
				group(id(field).append("s", "$stageHistory.stage"),
						new Document("n", sum(1)).append("total", sum("$stageHistory.durationMillis"))));
		for (Document row : rows) {
			StageTotals stage = groups.of(key(row)).stage(idValue(row, "s"));
			stage.visitsEnded += count(row, "n");
			stage.visitMillis += count(row, "total");
		}
	}

	// deals closed in period that ever entered each stage (a deal counted once per stage), and how many were won
	private void closedDealsEntered(Groups groups, Instant from, Instant to, String field) {
		var rows = aggregate(DEALS, match(new Document("closedAt", range(from, to))), unwind("$stageHistory"),
				group(id(field).append("d", "$_id").append("s", "$stageHistory.stage").append("st", "$status"),
						new Document()),
				group(new Document("g", "$_id.g").append("s", "$_id.s").append("st", "$_id.st"),
						new Document("n", sum(1))));
		for (Document row : rows) {
			StageTotals stage = groups.of(key(row)).stage(idValue(row, "s"));
			long deals = count(row, "n");
			stage.closedDealsEntered += deals;
			if ("WON".equals(idValue(row, "st"))) {
				stage.wonDealsEntered += deals;
			}
		}
	}

	/**
	 * Deals open at {@code to} (created before it, not won or lost before it) by the stage they were in at {@code
	 * to}: the history entry entered before {@code to} and not exited before it. Amounts are the deal's current
	 * amount (a final amount set at a later win replaces the open amount).
	 */
	private void openAtTo(Groups groups, Instant to, String field) {
		Date at = Date.from(to);
		var rows = aggregate(DEALS,
				match(new Document("createdAt", new Document("$lt", at)).append("$or",
						List.of(new Document("closedAt", null), new Document("closedAt", new Document("$gte", at))))),
				unwind("$stageHistory"),
				match(new Document("stageHistory.enteredAt", new Document("$lt", at)).append("$or",
						List.of(new Document("stageHistory.exitedAt", null),
								new Document("stageHistory.exitedAt", new Document("$gte", at))))),
				group(id(field).append("s", "$stageHistory.stage").append("c", "$amount.currency"),
						new Document("n", sum(1)).append("cents", sum("$amountCents"))));
		for (Document row : rows) {
			StageTotals stage = groups.of(key(row)).stage(idValue(row, "s"));
			stage.openDeals += count(row, "n");
			stage.openCents.merge(idValue(row, "c"), count(row, "cents"), Long::sum);
		}
	}

	// customers: active at t = customerSince < t and (churnedAt null or ≥ t)
	private void customers(Groups groups, Instant from, Instant to, String field) {
		for (Document row : countAccounts(activeAt(from), field)) {
			groups.of(key(row)).activeAtFrom += count(row, "n");
		}
		for (Document row : countAccounts(activeAt(to), field)) {
			groups.of(key(row)).activeAtTo += count(row, "n");
		}
		for (Document row : countAccounts(new Document("customerSince", range(from, to)), field)) {
			groups.of(key(row)).newCustomers += count(row, "n");
		}
		Document newAndActive = new Document("customerSince", range(from, to)).append("$or",
				List.of(new Document("churnedAt", null),
						new Document("churnedAt", new Document("$gte", Date.from(to)))));
		for (Document row : countAccounts(newAndActive, field)) {
			groups.of(key(row)).newCustomersActiveAtTo += count(row, "n");
		}
		for (Document row : countAccounts(new Document("churnedAt", range(from, to)), field)) {
			groups.of(key(row)).churned += count(row, "n");
		}
	}

	/**
	 * New customers in period per campaign: the campaign of the deal whose win made the account a customer (its
	 * {@code wonAt} is the account's {@code customerSince}; on a tie the smallest deal id), {@code ""} when that deal
	 * had none. Two steps, no joins. Only acquisition is a campaign's doing: active and churned counts stay 0.
	 */
	private void newCustomersByCampaign(Groups groups, Instant from, Instant to) {
		Map<String, Document> newCustomers = new HashMap<>();
		for (Document account : this.mongo.getCollection(ACCOUNTS)
			.find(new Document("customerSince", range(from, to)))
			.projection(new Document("customerSince", 1).append("churnedAt", 1))) {
			newCustomers.put(account.get("_id").toString(), account);
		}
		if (newCustomers.isEmpty()) {
			return;
		}
		Map<String, Document> acquiringDeals = new HashMap<>();
		for (Document deal : this.mongo.getCollection(DEALS)
			.find(new Document("wonAt", range(from, to)).append("accountId",
					new Document("$in", new ArrayList<>(newCustomers.keySet()))))
			.projection(new Document("accountId", 1).append("wonAt", 1).append("campaignId", 1))) {
			String accountId = String.valueOf(deal.get("accountId"));
			Document account = newCustomers.get(accountId);
			if (account != null && deal.getDate("wonAt").equals(account.getDate("customerSince"))) {
				acquiringDeals.merge(accountId, deal,
						(a, b) -> a.get("_id").toString().compareTo(b.get("_id").toString()) <= 0 ? a : b);
			}
		}
		Date end = Date.from(to);
		newCustomers.forEach((accountId, account) -> {
			Document deal = acquiringDeals.get(accountId);
			GroupFacts facts = groups.of((deal == null) ? "" : Objects.toString(deal.get("campaignId"), ""));
			facts.newCustomers++;
			Date churnedAt = account.getDate("churnedAt");
			if (churnedAt == null || !churnedAt.before(end)) {
				facts.newCustomersActiveAtTo++;
			}
		});
	}

	private static Document activeAt(Instant t) {
		Date at = Date.from(t);
		return new Document("customerSince", new Document("$lt", at)).append("$or",
				List.of(new Document("churnedAt", null), new Document("churnedAt", new Document("$gte", at))));
	}

	private List<Document> countAccounts(Document filter, String field) {
		return aggregate(ACCOUNTS, match(filter), group(id(field), new Document("n", sum(1))));
	}

	private List<Document> aggregate(String collection, Document... stages) {
		return this.mongo.getCollection(collection).aggregate(List.of(stages)).into(new ArrayList<>());
	}

	private static Document range(Instant from, Instant to) {
		return new Document("$gte", Date.from(from)).append("$lt", Date.from(to));
	}

	private static Document match(Document filter) {
		return new Document("$match", filter);
	}

	private static Document unwind(String path) {
		return new Document("$unwind", path);
	}

	private static Document group(Document id, Document accumulators) {
		Document group = new Document("_id", id);
		group.putAll(accumulators);
		return new Document("$group", group);
	}

	private static Document sum(Object expression) {
		return new Document("$sum", expression);
	}

	/** The group key: the dimension's field, or the literal "" when not splitting. */
	private static Document id(String field) {
		return new Document("g", field == null ? "" : "$" + field);
	}

	private static String key(Document row) {
		return idValue(row, "g");
	}

	private static String idValue(Document row, String name) {
		return Objects.toString(row.get("_id", Document.class).get(name), "");
	}

	private static long count(Document row, String name) {
		Object value = row.get(name);
		return value == null ? 0 : ((Number) value).longValue();
	}
}
