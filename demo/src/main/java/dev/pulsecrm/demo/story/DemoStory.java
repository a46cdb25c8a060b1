package dev.pulsecrm.demo.story;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.pulsecrm.client.Money;
import dev.pulsecrm.client.marketing.Channel;
import dev.pulsecrm.client.marketing.EngagementType;
import dev.pulsecrm.client.marketing.SubscriptionType;
import dev.pulsecrm.client.sales.ActivityType;
import dev.pulsecrm.client.sales.DealType;
import dev.pulsecrm.client.support.Priority;
import dev.pulsecrm.client.support.SurveyType;
import dev.pulsecrm.client.support.TicketAction;

/**
 * One year of a company's CRM history, ending at {@code end}: what marketing, sales and support recorded, with
 * references by external id (or by the lead a converted account or deal came from, whose server ids are known only
 * after the conversion). Every list is in the order it is loaded.
 */
public record DemoStory(long seed, Instant end, List<Campaign> campaigns, List<Lead> leads, List<Engagement> events,
		List<Subscription> subscriptions, List<Account> accounts, List<Deal> deals, List<Activity> activities,
		List<Churn> churns, List<Ticket> tickets, List<Survey> surveys) {

	public record Campaign(String externalId, String name, Channel channel, Money budget, LocalDate startDate,
			LocalDate endDate, String region, String industry, String segment, Instant createdAt, List<Spend> spend) {
	}

	public record Spend(String externalId, Money amount, LocalDate date) {
	}

	/** A lead and its history; {@code conversion} is set when it becomes a deal in sales. */
	public record Lead(String externalId, String name, String email, String company, int companySize,
			String industry, String region, String segment, String role, Channel channel, String campaignExternalId,
			String ownerId, Instant createdAt, Instant contactedAt, Instant qualifiedAt, Instant disqualifiedAt,
			String disqualificationReason, Conversion conversion) {
	}

	/** What {@code POST /leads/{id}/convert} is asked: the deal sales opens, at a past instant. */
	public record Conversion(String dealName, Money amount, String ownerId, String team, LocalDate expectedCloseDate,
			Instant at) {
	}

	public record Engagement(String campaignExternalId, String leadExternalId, EngagementType type, Instant at) {
	}

	public record Subscription(String externalId, String email, SubscriptionType action, Instant at) {
	}

	/** Which account a record is about: one imported into sales, or the one a lead's conversion created. */
	public sealed interface AccountRef permits ImportedAccount, ConvertedAccount {
	}

	public record ImportedAccount(String externalId) implements AccountRef {
	}

	public record ConvertedAccount(String leadExternalId) implements AccountRef {
	}

	/** An account sales found without marketing (the ones converted leads created are not listed here). */
	public record Account(String externalId, String name, String industry, String region, String segment,
			String ownerId, String team, Instant createdAt) {
	}

	public record StageEntry(String stage, Instant enteredAt) {
	}

	/**
	 * A deal with its whole history. A deal of a converted lead ({@code sourceLeadExternalId} set) was created by
	 * the conversion in its first stage; the rest of its history is loaded as stage/win/lose lines.
	 */
	public record Deal(String externalId, String sourceLeadExternalId, AccountRef account, String name,
			String ownerId, String team, Money amount, DealType type, LocalDate expectedCloseDate, Instant createdAt,
			List<StageEntry> stages, Instant wonAt, Money finalAmount, Instant lostAt, String lossReason) {

		public boolean fromLead() {
			return this.sourceLeadExternalId != null;
		}

		public boolean won() {
			return this.wonAt != null;
		}

		public boolean lost() {
			return this.lostAt != null;
		}

		public boolean open() {
			return this.wonAt == null && this.lostAt == null;
		}

		/** The last thing that happened to the deal. */
		public Instant lastEventAt() {
			if (this.wonAt != null) {
				return this.wonAt;
			}
			if (this.lostAt != null) {
				return this.lostAt;
			}
			return this.stages.get(this.stages.size() - 1).enteredAt();
		}
	}

	public record Activity(String externalId, ActivityType type, String subject, String ownerId,
			String dealExternalId, Instant createdAt, Instant dueAt, Instant completedAt) {
	}

	public record Churn(AccountRef account, String reason, Instant at) {
	}

	public record Ticket(String externalId, AccountRef account, String subject, Priority priority, String channel,
			String category, String assigneeId, String team, Instant createdAt, List<TicketStep> history) {
	}

	public record TicketStep(TicketAction action, Instant at, String agentId, Boolean publicReply) {
	}

	public record Survey(String externalId, SurveyType type, AccountRef account, int score, String ticketExternalId,
			String comment, Channel heardFrom, Instant respondedAt) {
	}
}
