package dev.pulsecrm.marketing.conversion;

import java.time.Clock;
import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.marketing.engagement.EngagementService;
import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.marketing.lead.LeadService;
import dev.pulsecrm.marketing.lead.LeadStatus;
import dev.pulsecrm.platform.grpc.DependencyUnavailableException;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadReply;
import dev.pulsecrm.proto.sales.v1.CreateDealFromLeadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Turns a QUALIFIED lead into an account and deal in sales. Only QUALIFIED leads convert (a CONTACTED lead is
 * qualified first), so every converted lead has a recorded qualification. The lead becomes CONVERTED only after
 * sales confirmed; sales is idempotent on the lead id, so retrying after a timeout or outage returns the deal created
 * the first time and never a second one. A converted lead's engagement events then carry its conversion instant
 * ({@link EngagementService#leadConverted}), also when a retry finds the lead converted already.
 */
@Service
public class ConversionService {

	private final LeadService leads;

	private final SalesCommandsClient sales;

	private final EngagementService engagement;

	private final Clock clock;

	public ConversionService(LeadService leads, SalesCommandsClient sales, EngagementService engagement, Clock clock) {
		this.leads = leads;
		this.sales = sales;
		this.engagement = engagement;
		this.clock = clock;
	}

	public Conversion convert(String leadId, ConvertLead command) {
		Lead lead = this.leads.get(leadId);
		this.leads.requireMayChange(lead, command.ownerId());
		if (lead.status() == LeadStatus.CONVERTED) {
			return converted(lead);
		}
		Instant at = EventTime.pastOrNow("at", command.at(), this.clock);
		lead.requireConvertible(at);
		Money amount = Money.checked("amount", command.amount());
		CreateDealFromLeadReply reply = createDeal(lead, command, amount, at);
		try {
			return converted(this.leads.save(lead.convert(reply.getAccountId(), reply.getDealId(), at)));
		}
		catch (OptimisticLockingFailureException ex) {
			// changed meanwhile (a concurrent convert, or an engagement event): sales returned the same ids either way
			Lead current = this.leads.get(leadId);
			if (current.status() == LeadStatus.CONVERTED) {
				return converted(current);
			}
			return converted(this.leads.save(current.convert(reply.getAccountId(), reply.getDealId(), at)));
		}
	}

	private CreateDealFromLeadReply createDeal(Lead lead, ConvertLead command, Money amount, Instant at) {
		CreateDealFromLeadRequest.Builder request = CreateDealFromLeadRequest.newBuilder()
			.setLeadId(lead.id())
			.setCompany(orEmpty(lead.company() != null ? lead.company() : lead.name()))
			.setIndustry(orEmpty(lead.industry()))
			.setRegion(orEmpty(lead.region()))
			.setSegment(orEmpty(lead.segment()))
			.setDealName(command.dealName())
			.setAmount(dev.pulsecrm.proto.common.v1.Money.newBuilder()
				.setCurrency(amount.currency())
				.setAmount(amount.amount().toPlainString()))
			.setOwnerId(command.ownerId())
			.setTeam(orEmpty(command.team()))
			.setCampaignId(orEmpty(lead.campaignId()))
			.setLeadCreatedAt(timestamp(lead.createdAt()))
			.setAt(timestamp(at));
		if (command.expectedCloseDate() != null) {
			request.setExpectedCloseDate(command.expectedCloseDate().toString());
		}
		try {
			return this.sales.createDealFromLead(request.build());
		}
		catch (DependencyUnavailableException ex) {
			throw ProblemException.unavailable("sales is unavailable (" + ex.getMessage()
					+ "); the lead was not converted, retry later");
		}
		catch (StatusRuntimeException ex) {
			if (ex.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT,
						"sales refused the deal: " + ex.getStatus().getDescription(), java.util.List.of());
			}
			throw new ProblemException(HttpStatus.BAD_GATEWAY,
					"sales answered " + ex.getStatus().getCode() + "; the lead was not converted", java.util.List.of());
		}
	}

	private Conversion converted(Lead lead) {
		this.engagement.leadConverted(lead.id(), lead.convertedAt());
		return new Conversion(lead.id(), lead.accountId(), lead.dealId(), lead.convertedAt());
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}
}
