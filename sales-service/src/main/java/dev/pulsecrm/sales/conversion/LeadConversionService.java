package dev.pulsecrm.sales.conversion;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadReply;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import dev.pulsecrm.sales.account.Account;
import dev.pulsecrm.sales.account.AccountService;
import dev.pulsecrm.sales.account.CreateAccount;
import dev.pulsecrm.sales.deal.CreateDeal;
import dev.pulsecrm.sales.deal.Deal.DealType;
import dev.pulsecrm.sales.deal.DealService;

import org.springframework.stereotype.Service;

/**
 * A converted lead becomes an account and a {@code NEW_BUSINESS} deal. Idempotent on the lead id: the unique indexes
 * on {@code sourceLeadId} (accounts and deals) make concurrent retries end with one account and one deal, and every
 * retry answers with their ids.
 */
@Service
public class LeadConversionService {

	private final AccountService accounts;

	private final DealService deals;

	private final Clock clock;

	LeadConversionService(AccountService accounts, DealService deals, Clock clock) {
		this.accounts = accounts;
		this.deals = deals;
		this.clock = clock;
	}

	public CreateDealFromLeadReply convert(CreateDealFromLeadRequest request) {
		String leadId = required("lead_id", request.getLeadId());
		String company = required("company", request.getCompany());
		String dealName = required("deal_name", request.getDealName());
		String ownerId = required("owner_id", request.getOwnerId());
		if (!request.hasAmount()) {
			throw ProblemException.invalid("amount", "is required");
		}
		Money amount = Money.checked("amount", new Money(decimal(request.getAmount().getAmount()),
				optional(request.getAmount().getCurrency())));
		Instant at = EventTime.pastOrNow("at", request.hasAt() ? instant(request.getAt()) : null, this.clock);
		Instant leadCreatedAt = request.hasLeadCreatedAt()
				? EventTime.pastOrNow("lead_created_at", instant(request.getLeadCreatedAt()), this.clock) : null;
		LocalDate expectedClose = date(request.getExpectedCloseDate());
		String team = optional(request.getTeam());
		Account account = this.accounts.createForLead(leadId, new CreateAccount(company,
				optional(request.getIndustry()), optional(request.getRegion()), optional(request.getSegment()),
				ownerId, team, null, at));
		DealService.Created deal = this.deals.create(new CreateDeal(account.id(), dealName, ownerId, team, amount,
				DealType.NEW_BUSINESS, null, expectedClose, optional(request.getCampaignId()), leadId, leadCreatedAt,
				null, at));
		return CreateDealFromLeadReply.newBuilder()
			.setAccountId(deal.deal().accountId())
			.setDealId(deal.deal().id())
			.setCreated(deal.isNew())
			.build();
	}

	private static String required(String field, String value) {
		if (value.isBlank()) {
			throw ProblemException.invalid(field, "is required");
		}
		return value;
	}

	/** proto3 strings are never null: empty means absent. */
	private static String optional(String value) {
		return value.isBlank() ? null : value;
	}

	private static BigDecimal decimal(String amount) {
		try {
			return new BigDecimal(amount.trim());
		}
		catch (NumberFormatException ex) {
			throw ProblemException.invalid("amount.amount", "is not a decimal number");
		}
	}

	private static LocalDate date(String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.invalid("expected_close_date", "must be YYYY-MM-DD");
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
	}
}
