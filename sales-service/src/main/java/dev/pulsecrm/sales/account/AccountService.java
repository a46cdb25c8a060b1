package dev.pulsecrm.sales.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.platform.security.CallerProvider;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.sales.account.Account.AccountStatus;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

@Service
public class AccountService {

	private final AccountRepository accounts;

	private final MongoTemplate mongo;

	private final CallerProvider callers;

	private final Clock clock;

	private final Rollups rollups;

	public AccountService(AccountRepository accounts, MongoTemplate mongo, CallerProvider callers, Clock clock,
			Rollups rollups) {
		this.accounts = accounts;
		this.mongo = mongo;
		this.callers = callers;
		this.clock = clock;
		this.rollups = rollups;
	}

	/** Creates an account, or returns the one already created with the same {@code externalId}. */
	public Created create(CreateAccount command) {
		if (command.externalId() != null) {
			Optional<Account> existing = this.accounts.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created(existing.get(), false);
			}
		}
		this.callers.current().requireMayChange("account", command.ownerId(), command.team());
		Instant createdAt = EventTime.pastOrNow("createdAt", command.createdAt(), this.clock);
		Account account = new Account(command.externalId(), null, command.name(), command.industry(),
				command.region(), command.segment(), command.ownerId(), command.team(), createdAt);
		try {
			return new Created(this.accounts.insert(account), true);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent create with the same externalId won the race: return its account
			return this.accounts.findByExternalId(command.externalId())
				.map((winner) -> new Created(winner, false))
				.orElseThrow(() -> ex);
		}
	}

	/**
	 * The account a converted lead becomes; concurrent retries for one lead end with one account (unique index on
	 * {@code sourceLeadId}).
	 */
	public Account createForLead(String leadId, CreateAccount command) {
		Optional<Account> existing = this.accounts.findBySourceLeadId(leadId);
		if (existing.isPresent()) {
			return existing.get();
		}
		this.callers.current().requireMayChange("account", command.ownerId(), command.team());
		Account account = new Account(null, leadId, command.name(), command.industry(), command.region(),
				command.segment(), command.ownerId(), command.team(), command.createdAt());
		try {
			return this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			return this.accounts.findBySourceLeadId(leadId).orElseThrow(() -> ex);
		}
	}

	public Account get(String id) {
		return this.accounts.findById(id).orElseThrow(() -> ProblemException.notFound("account", id));
	}

	/** An account referenced by another record: a missing one makes that record invalid (422), not "not found". */
	public Account referenced(String field, String id) {
		return this.accounts.findById(id).orElseThrow(() -> ProblemException.invalid(field, "account " + id
				+ " does not exist"));
	}

	public Optional<Account> findByExternalId(String externalId) {
		return this.accounts.findByExternalId(externalId);
	}

	public Account churn(String id, ChurnAccount command) {
		Account account = get(id);
		this.callers.current().requireMayChange("account", account.ownerId(), account.team());
		account.churn(command.reason(), EventTime.pastOrNow("at", command.at(), this.clock));
		return this.accounts.save(account);
	}

	/**
	 * Deal {@code dealId} of the account, of campaign {@code campaignId} (null: none), was won at {@code at}: the first
	 * win makes the account a customer, acquired by that deal. Atomic conditional updates (no read-modify-write), so
	 * wins of two deals at once cannot lose each other, and the acquiring deal ends up the same in any order of
	 * recording: an earlier win recorded later (history import out of order) moves {@code customerSince} back to it and
	 * takes over the acquiring deal, and a win at exactly {@code customerSince} takes it over when its deal id is
	 * smaller, or when none is known. The updates bypass the save lifecycle, so the KPI rollups are refreshed from the
	 * stored account afterwards.
	 */
	public void recordWin(String accountId, Instant at, String dealId, String campaignId) {
		Query prospect = Query.query(Criteria.where("_id").is(accountId).and("customerSince").is(null));
		Update becomeCustomer = acquiredBy(at, dealId, campaignId).set("status", AccountStatus.CUSTOMER);
		if (this.mongo.updateFirst(prospect, becomeCustomer, Account.class).getModifiedCount() == 0) {
			// deal ids compare as the strings they are stored as (hex ObjectIds compare so in their own order)
			Criteria tieWithLargerDeal = Criteria.where("customerSince")
				.is(at)
				.orOperator(Criteria.where("acquiringDealId").is(null), Criteria.where("acquiringDealId").gt(dealId));
			Query earlierOrTie = Query.query(Criteria.where("_id")
				.is(accountId)
				.orOperator(Criteria.where("customerSince").gt(at), tieWithLargerDeal));
			if (this.mongo.updateFirst(earlierOrTie, acquiredBy(at, dealId, campaignId), Account.class)
				.getModifiedCount() == 0) {
				return;
			}
		}
		this.rollups.refresh(this.mongo.getCollectionName(Account.class), storedId(accountId));
	}

	/** The account became a customer at {@code at} by the win of deal {@code dealId} of campaign {@code campaignId}. */
	static Update acquiredBy(Instant at, String dealId, String campaignId) {
		return new Update().set("customerSince", at)
			.set("acquiringDealId", dealId)
			.set("acquiringCampaignId", campaignId)
			.inc("version", 1);
	}

	/** The {@code _id} as stored: generated ids are ObjectIds, which the mapping turns hex strings back into. */
	private Object storedId(String accountId) {
		return ObjectId.isValid(accountId) ? new ObjectId(accountId) : accountId;
	}

	/** Filters are typed parameters, each compared by equality: no client text becomes a query operator. */
	public PageResponse<Account> list(AccountStatus status, String ownerId, String team, String region,
			String segment, int page, int size) {
		PageResponse.checkPaging(page, size);
		List<Criteria> filters = new ArrayList<>();
		if (status != null) {
			filters.add(Criteria.where("status").is(status));
		}
		addEquals(filters, "ownerId", ownerId);
		addEquals(filters, "team", team);
		addEquals(filters, "region", region);
		addEquals(filters, "segment", segment);
		Query query = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
		long total = this.mongo.count(query, Account.class);
		query.with(Sort.by("createdAt", "_id")).skip((long) page * size).limit(size);
		return new PageResponse<>(this.mongo.find(query, Account.class), page, size, total);
	}

	static void addEquals(List<Criteria> filters, String field, String value) {
		if (value != null && !value.isBlank()) {
			filters.add(Criteria.where(field).is(value));
		}
	}

	public record Created(Account account, boolean isNew) {
	}
}
