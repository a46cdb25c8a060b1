package dev.pulsecrm.sales.account;

import java.time.Clock;
import java.time.Instant;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.sales.account.Account.AccountStatus;

import org.springframework.stereotype.Service;

@Service
public class AccountService {

	private final AccountRepository accounts;

	private final Clock clock;

	public AccountService(AccountRepository accounts) {
		this.accounts = accounts;
		this.clock = Clock.systemUTC();
	}

	/** Creates an account, or returns the one already created with the same {@code externalId}. */
	public Created create(CreateAccount command) {
		if (command.externalId() != null) {
			var existing = this.accounts.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created(existing.get(), false);
			}
		}
		Instant createdAt = pastOrNow("createdAt", command.createdAt());
		Account account = new Account(null, command.externalId(), command.name(), command.industry(),
				command.region(), command.segment(), command.ownerId(), command.team(), AccountStatus.PROSPECT,
				createdAt, null, null, null, null);
		return new Created(this.accounts.save(account), true);
	}

	public Account get(String id) {
		return this.accounts.findById(id).orElseThrow(() -> ProblemException.notFound("account", id));
	}

	public Account save(Account account) {
		return this.accounts.save(account);
	}

	private Instant pastOrNow(String field, Instant at) {
		return EventTime.pastOrNow(field, at, this.clock);
	}

	public record Created(Account account, boolean isNew) {
	}
}
