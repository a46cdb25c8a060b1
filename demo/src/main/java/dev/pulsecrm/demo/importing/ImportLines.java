package dev.pulsecrm.demo.importing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.demo.story.DemoStory;
import dev.pulsecrm.demo.story.DemoStory.AccountRef;
import dev.pulsecrm.demo.story.DemoStory.ConvertedAccount;
import dev.pulsecrm.demo.story.DemoStory.Deal;
import dev.pulsecrm.demo.story.DemoStory.ImportedAccount;
import dev.pulsecrm.demo.story.DemoStory.StageEntry;

/**
 * The story as the import lines of docs/import-format.md, one list per service, each in an order the service can
 * apply line by line: what a line refers to always comes before it.
 */
public final class ImportLines {

	private ImportLines() {
	}

	/** Campaigns, their spend, leads with their history, engagement events, then list subscriptions. */
	public static List<ImportLine> marketing(DemoStory story) {
		List<ImportLine> lines = new ArrayList<>();
		for (DemoStory.Campaign campaign : story.campaigns()) {
			lines.add(ImportLine.of("campaign")
				.put("name", campaign.name())
				.put("channel", campaign.channel())
				.put("budget", campaign.budget())
				.put("startDate", campaign.startDate())
				.put("endDate", campaign.endDate())
				.put("region", campaign.region())
				.put("industry", campaign.industry())
				.put("segment", campaign.segment())
				.externalId(campaign.externalId())
				.put("createdAt", campaign.createdAt())
				.build());
		}
		for (DemoStory.Campaign campaign : story.campaigns()) {
			for (DemoStory.Spend spend : campaign.spend()) {
				lines.add(ImportLine.of("spend")
					.put("campaignExternalId", campaign.externalId())
					.put("amount", spend.amount())
					.put("date", spend.date())
					.externalId(spend.externalId())
					.build());
			}
		}
		for (DemoStory.Lead lead : story.leads()) {
			lines.add(ImportLine.of("lead")
				.put("name", lead.name())
				.put("email", lead.email())
				.put("company", lead.company())
				.put("companySize", lead.companySize())
				.put("industry", lead.industry())
				.put("region", lead.region())
				.put("segment", lead.segment())
				.put("role", lead.role())
				.put("channel", lead.channel())
				.put("campaignExternalId", lead.campaignExternalId())
				.put("ownerId", lead.ownerId())
				.externalId(lead.externalId())
				.put("createdAt", lead.createdAt())
				.put("contactedAt", lead.contactedAt())
				.put("qualifiedAt", lead.qualifiedAt())
				.put("disqualifiedAt", lead.disqualifiedAt())
				.put("reason", lead.disqualificationReason())
				.build());
		}
		for (DemoStory.Engagement event : story.events()) {
			lines.add(ImportLine.of("event")
				.put("campaignExternalId", event.campaignExternalId())
				.put("leadExternalId", event.leadExternalId())
				.put("event", event.type())
				.put("at", event.at())
				.build());
		}
		for (DemoStory.Subscription subscription : story.subscriptions()) {
			lines.add(ImportLine.of("subscription")
				.put("email", subscription.email())
				.put("action", subscription.action())
				.put("at", subscription.at())
				.externalId(subscription.externalId())
				.build());
		}
		return lines;
	}

	/**
	 * Accounts first, then every deal, move, win, loss and churn in the order they happened (so an account is a
	 * customer before it churns), then activities. Converted deals and accounts are referred to by the ids their
	 * conversion returned.
	 */
	public static List<ImportLine> sales(DemoStory story, ServerIds ids) {
		List<ImportLine> lines = new ArrayList<>();
		story.accounts()
			.stream()
			.sorted(Comparator.comparing(DemoStory.Account::createdAt))
			.forEach((account) -> lines.add(ImportLine.of("account")
				.put("name", account.name())
				.put("industry", account.industry())
				.put("region", account.region())
				.put("segment", account.segment())
				.put("ownerId", account.ownerId())
				.put("team", account.team())
				.externalId(account.externalId())
				.put("createdAt", account.createdAt())
				.build()));

		List<Timed> history = new ArrayList<>();
		for (Deal deal : story.deals()) {
			if (deal.fromLead()) {
				history.addAll(convertedDealHistory(deal, ids));
			}
			else {
				history.add(new Timed(deal.lastEventAt(), dealLine(deal, ids)));
			}
		}
		for (DemoStory.Churn churn : story.churns()) {
			ImportLine.Builder line = ImportLine.of("churn");
			account(line, churn.account(), ids);
			history.add(new Timed(churn.at(), line.put("reason", churn.reason()).put("at", churn.at()).build()));
		}
		history.sort(Comparator.comparing(Timed::at));
		history.forEach((timed) -> lines.add(timed.line()));

		for (DemoStory.Activity activity : story.activities()) {
			lines.add(ImportLine.of("activity")
				.put("activityType", activity.type())
				.put("subject", activity.subject())
				.put("ownerId", activity.ownerId())
				.put("dealExternalId", activity.dealExternalId())
				.put("dueAt", activity.dueAt())
				.put("completedAt", activity.completedAt())
				.externalId(activity.externalId())
				.put("createdAt", activity.createdAt())
				.build());
		}
		return lines;
	}

	private record Timed(Instant at, ImportLine line) {
	}

	private static ImportLine dealLine(Deal deal, ServerIds ids) {
		ImportLine.Builder line = ImportLine.of("deal");
		account(line, deal.account(), ids);
		List<Map<String, Object>> stages = new ArrayList<>();
		for (StageEntry entry : deal.stages()) {
			Map<String, Object> stage = new LinkedHashMap<>();
			stage.put("stage", entry.stage());
			stage.put("enteredAt", entry.enteredAt().toString());
			stages.add(stage);
		}
		return line.put("name", deal.name())
			.put("ownerId", deal.ownerId())
			.put("team", deal.team())
			.put("amount", deal.amount())
			.put("dealType", deal.type())
			.put("expectedCloseDate", deal.expectedCloseDate())
			.externalId(deal.externalId())
			.put("createdAt", deal.createdAt())
			.put("stageHistory", stages)
			.put("wonAt", deal.wonAt())
			.put("finalAmount", deal.finalAmount())
			.put("lostAt", deal.lostAt())
			.put("lossReason", deal.lossReason())
			.build();
	}

	/** The conversion created the deal in its first stage; the moves after it and its outcome are lines. */
	private static List<Timed> convertedDealHistory(Deal deal, ServerIds ids) {
		String dealId = ids.convertedDealId(deal.sourceLeadExternalId());
		List<Timed> lines = new ArrayList<>();
		for (StageEntry entry : deal.stages().subList(1, deal.stages().size())) {
			lines.add(new Timed(entry.enteredAt(), ImportLine.of("stage")
				.put("dealId", dealId)
				.put("stage", entry.stage())
				.put("at", entry.enteredAt())
				.build()));
		}
		if (deal.won()) {
			lines.add(new Timed(deal.wonAt(), ImportLine.of("win")
				.put("dealId", dealId)
				.put("at", deal.wonAt())
				.put("amount", deal.finalAmount())
				.build()));
		}
		if (deal.lost()) {
			lines.add(new Timed(deal.lostAt(), ImportLine.of("lose")
				.put("dealId", dealId)
				.put("reason", deal.lossReason())
				.put("at", deal.lostAt())
				.build()));
		}
		return lines;
	}

	private static void account(ImportLine.Builder line, AccountRef account, ServerIds ids) {
		if (account instanceof ImportedAccount imported) {
			line.put("accountExternalId", imported.externalId());
		}
		else if (account instanceof ConvertedAccount converted) {
			line.put("accountId", ids.convertedAccountId(converted.leadExternalId()));
		}
	}

	/** Tickets with their history, then survey responses (a CSAT response names its ticket). */
	public static List<ImportLine> support(DemoStory story, ServerIds ids) {
		List<ImportLine> lines = new ArrayList<>();
		for (DemoStory.Ticket ticket : story.tickets()) {
			List<Map<String, Object>> history = new ArrayList<>();
			for (DemoStory.TicketStep step : ticket.history()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("action", step.action().name());
				entry.put("at", step.at().toString());
				if (step.agentId() != null) {
					entry.put("agentId", step.agentId());
				}
				if (step.publicReply() != null) {
					entry.put("public", step.publicReply());
				}
				history.add(entry);
			}
			lines.add(ImportLine.of("ticket")
				.put("accountId", salesAccountId(ticket.account(), ids))
				.put("subject", ticket.subject())
				.put("priority", ticket.priority())
				.put("channel", ticket.channel())
				.put("category", ticket.category())
				.put("assigneeId", ticket.assigneeId())
				.put("team", ticket.team())
				.externalId(ticket.externalId())
				.put("createdAt", ticket.createdAt())
				.put("history", history)
				.build());
		}
		for (DemoStory.Survey survey : story.surveys()) {
			lines.add(ImportLine.of("survey")
				.put("surveyType", survey.type())
				.put("accountId", salesAccountId(survey.account(), ids))
				.put("score", survey.score())
				.put("ticketExternalId", survey.ticketExternalId())
				.put("comment", survey.comment())
				.put("heardFrom", survey.heardFrom())
				.put("respondedAt", survey.respondedAt())
				.externalId(survey.externalId())
				.build());
		}
		return lines;
	}

	private static String salesAccountId(AccountRef account, ServerIds ids) {
		if (account instanceof ImportedAccount imported) {
			return ids.importedAccountId(imported.externalId());
		}
		return ids.convertedAccountId(((ConvertedAccount) account).leadExternalId());
	}
}
