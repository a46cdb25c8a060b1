package dev.pulsecrm.sales.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.CallerProvider;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.sales.account.Account;
import dev.pulsecrm.sales.account.AccountService;
import dev.pulsecrm.sales.deal.Deal.DealStatus;
import dev.pulsecrm.sales.deal.Deal.NewDeal;
import dev.pulsecrm.sales.pipeline.Pipeline;
import dev.pulsecrm.sales.pipeline.PipelineService;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

@Service
public class DealService {

	private final DealRepository deals;

	private final AccountService accounts;

	private final PipelineService pipelines;

	private final MongoTemplate mongo;

	private final CallerProvider callers;

	private final Clock clock;

	public DealService(DealRepository deals, AccountService accounts, PipelineService pipelines, MongoTemplate mongo,
			CallerProvider callers, Clock clock) {
		this.deals = deals;
		this.accounts = accounts;
		this.pipelines = pipelines;
		this.mongo = mongo;
		this.callers = callers;
		this.clock = clock;
	}

	/** Creates a deal, or returns the one already created with the same {@code externalId} or {@code sourceLeadId}. */
	public Created create(CreateDeal command) {
		return create(command, DealHistory.NONE);
	}

	/**
	 * Creates a deal with its whole past. Everything (instants in order, stages configured, one consistent outcome)
	 * is checked on the deal in memory by the same transitions the REST commands use, before anything is written:
	 * a bad history is refused whole, never half-written.
	 */
	public Created create(CreateDeal command, DealHistory history) {
		return create(command, history, null);
	}

	/** {@link #create(CreateDeal, DealHistory)} for a caller that has loaded the deal's account already (import). */
	public Created create(Account account, CreateDeal command, DealHistory history) {
		return create(command, history, account);
	}

	private Created create(CreateDeal command, DealHistory history, Account loadedAccount) {
		Optional<Deal> existing = existing(command);
		if (existing.isPresent()) {
			return new Created(existing.get(), false);
		}
		this.callers.current().requireMayChange("deal", command.ownerId(), command.team());
		Deal deal = replay(command, history, loadedAccount);
		try {
			deal = this.deals.insert(deal);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent create of the same deal won the race: answer with its deal
			return existing(command).map((winner) -> new Created(winner, false)).orElseThrow(() -> ex);
		}
		if (deal.status() == DealStatus.WON) {
			this.accounts.recordWin(deal.accountId(), deal.wonAt(), deal.id(), deal.campaignId());
		}
		return new Created(deal, true);
	}

	private Optional<Deal> existing(CreateDeal command) {
		if (command.externalId() != null) {
			Optional<Deal> byExternalId = this.deals.findByExternalId(command.externalId());
			if (byExternalId.isPresent()) {
				return byExternalId;
			}
		}
		return command.sourceLeadId() == null ? Optional.empty()
				: this.deals.findBySourceLeadId(command.sourceLeadId());
	}

	private Deal replay(CreateDeal command, DealHistory history, Account loadedAccount) {
		Pipeline pipeline = this.pipelines.current();
		List<DealHistory.Entry> entries = history.stageHistory();
		checkEntries(entries, pipeline);
		Instant createdAt = command.createdAt();
		if (createdAt == null && !entries.isEmpty()) {
			createdAt = entries.get(0).enteredAt();
		}
		createdAt = pastOrNow("createdAt", createdAt);
		String stage = command.stage() != null ? command.stage() : pipeline.first().key();
		if (!entries.isEmpty()) {
			DealHistory.Entry first = entries.get(0);
			if (command.stage() != null && !command.stage().equals(first.stage())) {
				throw ProblemException.invalid("stage", "must be the first stage of stageHistory (" + first.stage()
						+ ") when both are given");
			}
			if (!first.enteredAt().equals(createdAt)) {
				throw ProblemException.invalid("stageHistory[0].enteredAt", "must equal createdAt (" + createdAt + ")");
			}
			stage = first.stage();
		}
		pipeline.requireStage("stage", stage);
		Money amount = Money.checked("amount", command.amount());
		Instant leadCreatedAt = command.leadCreatedAt() == null ? null
				: pastOrNow("leadCreatedAt", command.leadCreatedAt());
		Account account = loadedAccount != null ? loadedAccount
				: this.accounts.referenced("accountId", command.accountId());
		Deal deal = Deal.open(new NewDeal(command.externalId(), account.id(), command.name(), command.ownerId(),
				command.team(), amount, command.type(), stage, command.expectedCloseDate(), command.campaignId(),
				command.sourceLeadId(), leadCreatedAt, createdAt, account.region(), account.segment(),
				account.industry()));
		for (int i = 1; i < entries.size(); i++) {
			deal.moveTo(entries.get(i).stage(), entries.get(i).enteredAt(), pipeline);
		}
		replayOutcome(deal, history);
		return deal;
	}

	/** Entries in time order, each a configured stage other than the one before (422 naming the entry). */
	private void checkEntries(List<DealHistory.Entry> entries, Pipeline pipeline) {
		for (int i = 0; i < entries.size(); i++) {
			DealHistory.Entry entry = entries.get(i);
			String field = "stageHistory[" + i + "]";
			if (entry == null || entry.stage() == null || entry.enteredAt() == null) {
				throw ProblemException.invalid(field, "needs stage and enteredAt");
			}
			pipeline.requireStage(field + ".stage", entry.stage());
			pastOrNow(field + ".enteredAt", entry.enteredAt());
			if (i > 0) {
				DealHistory.Entry previous = entries.get(i - 1);
				if (entry.enteredAt().isBefore(previous.enteredAt())) {
					throw ProblemException.invalid(field + ".enteredAt", "must not be before the previous entry");
				}
				if (entry.stage().equals(previous.stage())) {
					throw ProblemException.invalid(field + ".stage", "repeats the previous stage");
				}
			}
		}
	}

	private void replayOutcome(Deal deal, DealHistory history) {
		if (history.wonAt() != null && history.lostAt() != null) {
			throw ProblemException.invalid("wonAt", "a deal cannot be both won and lost");
		}
		if (history.finalAmount() != null && history.wonAt() == null) {
			throw ProblemException.invalid("finalAmount", "only a won deal has a final amount");
		}
		if ((history.lossReason() != null) != (history.lostAt() != null)) {
			throw ProblemException.invalid("lossReason", "lostAt and lossReason go together");
		}
		if (history.wonAt() != null) {
			Instant wonAt = checkedOutcome("wonAt", history.wonAt(), deal);
			Money finalAmount = history.finalAmount() == null ? null
					: Money.checked("finalAmount", history.finalAmount());
			deal.win(wonAt, finalAmount);
		}
		if (history.lostAt() != null) {
			deal.lose(history.lossReason(), checkedOutcome("lostAt", history.lostAt(), deal));
		}
	}

	private Instant checkedOutcome(String field, Instant at, Deal deal) {
		Instant checked = pastOrNow(field, at);
		if (checked.isBefore(deal.lastMoveAt())) {
			throw ProblemException.invalid(field, "must not be before the last stage entry (" + deal.lastMoveAt()
					+ ")");
		}
		return checked;
	}

	public Deal get(String id) {
		return this.deals.findById(id).orElseThrow(() -> ProblemException.notFound("deal", id));
	}

	public Optional<Deal> findByExternalId(String externalId) {
		return this.deals.findByExternalId(externalId);
	}

	/**
	 * Moves the deal; a concurrent change of the same deal makes this save fail with a version conflict (409), and a
	 * deal no longer in {@code fromStage} (when given) is a conflict too.
	 */
	public Deal move(String id, MoveDeal command) {
		Deal deal = get(id);
		this.callers.current().requireMayChange("deal", deal.ownerId(), deal.team());
		if (command.fromStage() != null && !command.fromStage().equals(deal.stage())) {
			throw ProblemException.conflict("deal " + id + " is in stage " + deal.stage() + ", not " + command.fromStage()
					+ " (fromStage): it was changed concurrently");
		}
		deal.moveTo(command.stage(), pastOrNow("at", command.at()), this.pipelines.current());
		return this.deals.save(deal);
	}

	/**
	 * Wins the deal; its account becomes a customer as of the win if it was not one already (a win is final and a
	 * deal's campaign never changes, so the account can keep this deal and its campaign as what acquired it).
	 */
	public Deal win(String id, WinDeal command) {
		Deal deal = get(id);
		this.callers.current().requireMayChange("deal", deal.ownerId(), deal.team());
		Instant at = pastOrNow("at", command.at());
		Money amount = command.amount() == null ? null : Money.checked("amount", command.amount());
		deal.win(at, amount);
		Deal saved = this.deals.save(deal);
		this.accounts.recordWin(saved.accountId(), at, saved.id(), saved.campaignId());
		return saved;
	}

	public Deal lose(String id, LoseDeal command) {
		Deal deal = get(id);
		this.callers.current().requireMayChange("deal", deal.ownerId(), deal.team());
		deal.lose(command.reason(), pastOrNow("at", command.at()));
		return this.deals.save(deal);
	}

	/** Filters are typed parameters compared by equality: no client text becomes a query operator. */
	public PageResponse<Deal> list(DealStatus status, String stage, String ownerId, String team, String accountId,
			int page, int size) {
		PageResponse.checkPaging(page, size);
		List<Criteria> filters = new ArrayList<>();
		if (status != null) {
			filters.add(Criteria.where("status").is(status));
		}
		addEquals(filters, "stage", stage);
		addEquals(filters, "ownerId", ownerId);
		addEquals(filters, "team", team);
		addEquals(filters, "accountId", accountId);
		Query query = filters.isEmpty() ? new Query() : new Query(new Criteria().andOperator(filters));
		long total = this.mongo.count(query, Deal.class);
		query.with(Sort.by("createdAt", "_id")).skip((long) page * size).limit(size);
		return new PageResponse<>(this.mongo.find(query, Deal.class), page, size, total);
	}

	private static void addEquals(List<Criteria> filters, String field, String value) {
		if (value != null && !value.isBlank()) {
			filters.add(Criteria.where(field).is(value));
		}
	}

	private Instant pastOrNow(String field, Instant at) {
		return EventTime.pastOrNow(field, at, this.clock);
	}

	public record Created(Deal deal, boolean isNew) {
	}
}
