package dev.pulsecrm.sales.account;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.pulsecrm.platform.mongo.OnceMarkers;
import dev.pulsecrm.platform.rollup.Rollups;
import org.bson.Document;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Gives the customers stored before accounts kept their acquiring deal ({@link Account#acquiringDealId()}) that deal
 * and its campaign, once per store: the deal won at exactly the account's {@code customerSince}, on a tie the smallest
 * deal id, as {@link AccountService#recordWin} would have chosen; none when no such deal is stored (the campaign is
 * then {@code ""}). Runs before the rollups are built at start (an {@link ApplicationRunner} runs before the ready
 * event that builds them); the accounts it changes are refreshed in the rollups too, for a start that finds them
 * built already. A marker document says it is done, so later starts cost one read.
 */
@Component
public class AcquiringDealBackfill implements ApplicationRunner {

	public static final String MIGRATIONS = "sales_migrations";

	static final String MARKER = "accounts-acquiring-deal";

	private final MongoTemplate mongo;

	private final Rollups rollups;

	public AcquiringDealBackfill(MongoTemplate mongo, Rollups rollups) {
		this.mongo = mongo;
		this.rollups = rollups;
	}

	@Override
	public void run(ApplicationArguments args) {
		OnceMarkers.runOnce(this.mongo, MIGRATIONS, MARKER, this::backfill);
	}

	private void backfill() {
		Map<String, Customer> customers = customersWithoutAcquiringDeal();
		if (customers.isEmpty()) {
			return;
		}
		findAcquiringDeals(customers);
		List<Object> changed = new ArrayList<>();
		customers.values().forEach((customer) -> {
			if (customer.dealId != null && fill(customer)) {
				changed.add(customer.id);
			}
		});
		this.rollups.refreshAll(this.mongo.getCollectionName(Account.class), changed);
	}

	/** Accounts with a {@code customerSince} and no acquiring deal field, by {@code _id} as a string. */
	private Map<String, Customer> customersWithoutAcquiringDeal() {
		Map<String, Customer> customers = new HashMap<>();
		this.mongo.getCollection(this.mongo.getCollectionName(Account.class))
			.find(Filters.and(Filters.ne("customerSince", null), Filters.exists("acquiringDealId", false)))
			.projection(Projections.include("customerSince"))
			.forEach((account) -> customers.put(account.get("_id").toString(),
					new Customer(account.get("_id"), account.getDate("customerSince"))));
		return customers;
	}

	/**
	 * One pass over the won deals (not a query per account: the embedded store has no index on {@code accountId}),
	 * keeping per customer the smallest id among its deals won at its {@code customerSince}.
	 */
	private void findAcquiringDeals(Map<String, Customer> customers) {
		for (Document deal : this.mongo.getCollection("deals")
			.find(Filters.ne("wonAt", null))
			.projection(Projections.include("accountId", "wonAt", "campaignId"))) {
			Customer customer = customers.get(String.valueOf(deal.get("accountId")));
			String dealId = deal.get("_id").toString();
			if (customer != null && customer.since.equals(deal.getDate("wonAt"))
					&& (customer.dealId == null || dealId.compareTo(customer.dealId) < 0)) {
				customer.dealId = dealId;
				customer.campaignId = deal.getString("campaignId");
			}
		}
	}

	/** Sets the acquiring deal unless a win recorded meanwhile has set one (or moved {@code customerSince}). */
	private boolean fill(Customer customer) {
		Query unchanged = Query.query(Criteria.where("_id")
			.is(customer.id)
			.and("customerSince")
			.is(customer.since.toInstant())
			.and("acquiringDealId")
			.is(null));
		return this.mongo
			.updateFirst(unchanged,
					AccountService.acquiredBy(customer.since.toInstant(), customer.dealId, customer.campaignId),
					Account.class)
			.getModifiedCount() == 1;
	}

	/** A customer without an acquiring deal: its {@code _id} as stored, its {@code customerSince}, what was found. */
	private static final class Customer {

		final Object id;

		final Date since;

		String dealId;

		String campaignId;

		Customer(Object id, Date since) {
			this.id = id;
			this.since = since;
		}
	}
}
