package dev.pulsecrm.sales.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.CallerProvider;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.sales.account.AccountService;
import dev.pulsecrm.sales.deal.Deal;
import dev.pulsecrm.sales.deal.DealRepository;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

@Service
public class ActivityService {

	private final ActivityRepository activities;

	private final DealRepository deals;

	private final AccountService accounts;

	private final MongoTemplate mongo;

	private final CallerProvider callers;

	private final Clock clock;

	ActivityService(ActivityRepository activities, DealRepository deals, AccountService accounts,
			MongoTemplate mongo, CallerProvider callers, Clock clock) {
		this.activities = activities;
		this.deals = deals;
		this.accounts = accounts;
		this.mongo = mongo;
		this.callers = callers;
		this.clock = clock;
	}

	/**
	 * Creates an activity (or returns the one with the same {@code externalId}). A referenced deal or account must
	 * exist (422); an activity about a deal is also about the deal's account.
	 */
	public Created create(CreateActivity command) {
		if (command.externalId() != null) {
			Optional<Activity> existing = this.activities.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created(existing.get(), false);
			}
		}
		this.callers.current().requireMayChange("activity", command.ownerId(), null);
		Instant createdAt = EventTime.pastOrNow("createdAt", command.createdAt(), this.clock);
		Instant completedAt = command.completedAt() == null ? null
				: EventTime.pastOrNow("completedAt", command.completedAt(), this.clock);
		if (completedAt != null && completedAt.isBefore(createdAt)) {
			throw ProblemException.invalid("completedAt", "must not be before createdAt");
		}
		String accountId = command.accountId();
		if (command.dealId() != null) {
			Deal deal = this.deals.findById(command.dealId())
				.orElseThrow(() -> ProblemException.invalid("dealId", "deal " + command.dealId() + " does not exist"));
			if (accountId != null && !accountId.equals(deal.accountId())) {
				throw ProblemException.invalid("accountId", "is not the account of deal " + deal.id());
			}
			accountId = deal.accountId();
		}
		else if (accountId != null) {
			this.accounts.referenced("accountId", accountId);
		}
		Activity activity = new Activity(null, command.externalId(), command.type(), command.subject(),
				command.ownerId(), command.dealId(), accountId, command.dueAt(), completedAt, createdAt, null);
		try {
			return new Created(this.activities.insert(activity), true);
		}
		catch (DuplicateKeyException ex) {
			return this.activities.findByExternalId(command.externalId())
				.map((winner) -> new Created(winner, false))
				.orElseThrow(() -> ex);
		}
	}

	public Activity get(String id) {
		return this.activities.findById(id).orElseThrow(() -> ProblemException.notFound("activity", id));
	}

	public Activity complete(String id, CompleteActivity command) {
		Activity activity = get(id);
		this.callers.current().requireMayChange("activity", activity.ownerId(), null);
		return this.activities.save(activity.complete(EventTime.pastOrNow("at", command.at(), this.clock)));
	}

	/** {@code overdue=true}: due before now and not completed; {@code overdue=false}: everything else. */
	public PageResponse<Activity> list(Boolean overdue, String ownerId, String dealId, String accountId, int page,
			int size) {
		PageResponse.checkPaging(page, size);
		List<Criteria> filters = new ArrayList<>();
		if (overdue != null) {
			Instant now = this.clock.instant();
			filters.add(overdue ? Criteria.where("dueAt").lt(now).and("completedAt").is(null)
					: new Criteria().orOperator(Criteria.where("dueAt").is(null), Criteria.where("dueAt").gte(now),
							Criteria.where("completedAt").ne(null)));
		}
		addEquals(filters, "ownerId", ownerId);
		addEquals(filters, "dealId", dealId);
		addEquals(filters, "accountId", accountId);
		Query query = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
		long total = this.mongo.count(query, Activity.class);
		query.with(Sort.by("dueAt", "createdAt", "_id")).skip((long) page * size).limit(size);
		return new PageResponse<>(this.mongo.find(query, Activity.class), page, size, total);
	}

	private static void addEquals(List<Criteria> filters, String field, String value) {
		if (value != null && !value.isBlank()) {
			filters.add(Criteria.where(field).is(value));
		}
	}

	public record Created(Activity activity, boolean isNew) {
	}
}
