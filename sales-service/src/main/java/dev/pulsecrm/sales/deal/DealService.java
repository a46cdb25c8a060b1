package dev.pulsecrm.sales.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.sales.account.Account;
import dev.pulsecrm.sales.account.AccountService;
import dev.pulsecrm.sales.deal.Deal.DealStatus;

import org.springframework.stereotype.Service;

@Service
public class DealService {

	static final String FIRST_STAGE = "QUALIFICATION";

	private final DealRepository deals;

	private final AccountService accounts;

	private final Clock clock = Clock.systemUTC();

	public DealService(DealRepository deals, AccountService accounts) {
		this.deals = deals;
		this.accounts = accounts;
	}

	/** Creates a deal, or returns the one already created with the same {@code externalId}. */
	public Created create(CreateDeal command) {
		if (command.externalId() != null) {
			var existing = this.deals.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created(existing.get(), false);
			}
		}
		Money amount = Money.checked("amount", command.amount());
		Instant createdAt = pastOrNow("createdAt", command.createdAt());
		Account account = this.accounts.get(command.accountId());
		String stage = command.stage() != null ? command.stage() : FIRST_STAGE;
		Deal deal = new Deal(null, command.externalId(), account.id(), command.name(), command.ownerId(),
				command.team(), amount, amount.cents(), command.type(), DealStatus.OPEN, stage,
				command.expectedCloseDate(), command.campaignId(), command.sourceLeadId(), command.leadCreatedAt(),
				createdAt, List.of(new StageVisit(stage, createdAt, null)), null, null, null, null);
		return new Created(this.deals.save(deal), true);
	}

	public Deal get(String id) {
		return this.deals.findById(id).orElseThrow(() -> ProblemException.notFound("deal", id));
	}

	/** Wins the deal; its account becomes a customer as of the win if it was not one already. */
	public Deal win(String id, WinDeal command) {
		Deal deal = get(id);
		Instant at = pastOrNow("at", command.at());
		Money amount = command.amount() == null ? null : Money.checked("amount", command.amount());
		Deal won = deal.win(at, amount);
		Account account = this.accounts.get(deal.accountId());
		Deal saved = this.deals.save(won);
		Account customer = account.wonDealAt(at);
		if (customer != account) {
			this.accounts.save(customer);
		}
		return saved;
	}

	private Instant pastOrNow(String field, Instant at) {
		return EventTime.pastOrNow(field, at, this.clock);
	}

	public record Created(Deal deal, boolean isNew) {
	}
}
