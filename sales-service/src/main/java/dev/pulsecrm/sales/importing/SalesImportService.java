package dev.pulsecrm.sales.importing;

import java.util.function.Function;

import dev.pulsecrm.platform.ndjson.NdjsonImport;
import dev.pulsecrm.platform.ndjson.NdjsonImport.Applied;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.sales.account.Account;
import dev.pulsecrm.sales.account.Account.AccountStatus;
import dev.pulsecrm.sales.account.AccountService;
import dev.pulsecrm.sales.account.ChurnAccount;
import dev.pulsecrm.sales.account.CreateAccount;
import dev.pulsecrm.sales.activity.ActivityService;
import dev.pulsecrm.sales.activity.CreateActivity;
import dev.pulsecrm.sales.deal.CreateDeal;
import dev.pulsecrm.sales.deal.Deal;
import dev.pulsecrm.sales.deal.Deal.DealStatus;
import dev.pulsecrm.sales.deal.DealHistory;
import dev.pulsecrm.sales.deal.DealService;
import dev.pulsecrm.sales.deal.LoseDeal;
import dev.pulsecrm.sales.deal.MoveDeal;
import dev.pulsecrm.sales.deal.StageVisit;
import dev.pulsecrm.sales.deal.WinDeal;
import dev.pulsecrm.sales.importing.ImportLines.ActivityLine;
import dev.pulsecrm.sales.importing.ImportLines.ChurnLine;
import dev.pulsecrm.sales.importing.ImportLines.DealLine;
import dev.pulsecrm.sales.importing.ImportLines.LoseLine;
import dev.pulsecrm.sales.importing.ImportLines.StageLine;
import dev.pulsecrm.sales.importing.ImportLines.WinLine;
import jakarta.validation.Validator;
import tools.jackson.databind.ObjectMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Applies sales import lines through the same service methods as the REST API, so an imported history obeys the
 * same rules (and makes accounts customers the same way). Re-running an import is safe: records with a known
 * externalId, and state changes already recorded at the same instant, answer 200 without changing anything.
 */
@Service
class SalesImportService {

	private final AccountService accounts;

	private final DealService deals;

	private final ActivityService activities;

	private final ObjectMapper mapper;

	private final Validator validator;

	SalesImportService(AccountService accounts, DealService deals, ActivityService activities, ObjectMapper mapper,
			Validator validator) {
		this.accounts = accounts;
		this.deals = deals;
		this.activities = activities;
		this.mapper = mapper;
		this.validator = validator;
	}

	NdjsonImport lines() {
		return NdjsonImport.builder(this.mapper, this.validator)
			.on("account", CreateAccount.class, guarded(this::account))
			.on("deal", DealLine.class, guarded(this::deal))
			.on("stage", StageLine.class, guarded(this::stage))
			.on("win", WinLine.class, guarded(this::win))
			.on("lose", LoseLine.class, guarded(this::lose))
			.on("churn", ChurnLine.class, guarded(this::churn))
			.on("activity", ActivityLine.class, guarded(this::activity))
			.build();
	}

	private Applied account(CreateAccount line) {
		AccountService.Created created = this.accounts.create(line);
		return new Applied(created.account().id(), created.isNew());
	}

	private Applied deal(DealLine line) {
		Account account = account(line.accountId(), line.accountExternalId());
		CreateDeal deal = new CreateDeal(account.id(), line.name(), line.ownerId(), line.team(), line.amount(),
				line.dealType(), line.stage(), line.expectedCloseDate(), line.campaignId(), line.sourceLeadId(),
				line.leadCreatedAt(), line.externalId(), line.createdAt());
		DealHistory history = new DealHistory(line.stageHistory(), line.wonAt(), line.finalAmount(), line.lostAt(),
				line.lossReason());
		DealService.Created created = this.deals.create(account, deal, history);
		return new Applied(created.deal().id(), created.isNew());
	}

	private Applied stage(StageLine line) {
		Deal deal = deal(line.dealId(), line.dealExternalId());
		for (StageVisit visit : deal.stageHistory()) {
			if (visit.stage().equals(line.stage()) && visit.enteredAt().equals(line.at())) {
				return new Applied(deal.id(), false);
			}
		}
		return new Applied(this.deals.move(deal.id(), new MoveDeal(line.stage(), line.at())).id(), true);
	}

	private Applied win(WinLine line) {
		Deal deal = deal(line.dealId(), line.dealExternalId());
		if (deal.status() == DealStatus.WON && line.at().equals(deal.wonAt())) {
			return new Applied(deal.id(), false);
		}
		return new Applied(this.deals.win(deal.id(), new WinDeal(line.at(), line.amount())).id(), true);
	}

	private Applied lose(LoseLine line) {
		Deal deal = deal(line.dealId(), line.dealExternalId());
		if (deal.status() == DealStatus.LOST && line.at().equals(deal.lostAt())) {
			return new Applied(deal.id(), false);
		}
		return new Applied(this.deals.lose(deal.id(), new LoseDeal(line.reason(), line.at())).id(), true);
	}

	private Applied churn(ChurnLine line) {
		Account account = this.accounts.get(accountId(line.accountId(), line.accountExternalId()));
		if (account.status() == AccountStatus.CHURNED && line.at().equals(account.churnedAt())) {
			return new Applied(account.id(), false);
		}
		return new Applied(this.accounts.churn(account.id(), new ChurnAccount(line.reason(), line.at())).id(), true);
	}

	private Applied activity(ActivityLine line) {
		String dealId = line.dealId();
		if (dealId == null && line.dealExternalId() != null) {
			dealId = deal(null, line.dealExternalId()).id();
		}
		String accountId = (line.accountId() == null && line.accountExternalId() == null) ? null
				: accountId(line.accountId(), line.accountExternalId());
		ActivityService.Created created = this.activities.create(new CreateActivity(line.activityType(),
				line.subject(), line.ownerId(), dealId, accountId, line.dueAt(), line.completedAt(), line.externalId(),
				line.createdAt()));
		return new Applied(created.activity().id(), created.isNew());
	}

	private String accountId(String id, String externalId) {
		return id != null ? id : account(null, externalId).id();
	}

	/** The referenced account, loaded once; a missing one makes the line invalid (422). */
	private Account account(String id, String externalId) {
		if (id != null) {
			return this.accounts.referenced("accountId", id);
		}
		if (externalId == null) {
			throw ProblemException.invalid("accountId", "accountId or accountExternalId is required");
		}
		return this.accounts.findByExternalId(externalId)
			.orElseThrow(() -> ProblemException.invalid("accountExternalId", "no account has externalId "
					+ externalId));
	}

	private Deal deal(String id, String externalId) {
		if (id != null) {
			return this.deals.get(id);
		}
		if (externalId == null) {
			throw ProblemException.invalid("dealId", "dealId or dealExternalId is required");
		}
		return this.deals.findByExternalId(externalId)
			.orElseThrow(() -> ProblemException.invalid("dealExternalId", "no deal has externalId " + externalId));
	}

	/** A storage conflict on one line is that line's 409, not the end of the whole import. */
	private static <T> Function<T, Applied> guarded(Function<T, Applied> action) {
		return (line) -> {
			try {
				return action.apply(line);
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				throw ProblemException.conflict("the record was changed concurrently or already exists: retry the line");
			}
		};
	}
}
