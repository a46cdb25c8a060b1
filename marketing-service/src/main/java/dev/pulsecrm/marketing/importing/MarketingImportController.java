package dev.pulsecrm.marketing.importing;

import java.io.IOException;
import java.io.InputStream;

import dev.pulsecrm.marketing.Created;
import dev.pulsecrm.marketing.campaign.Campaign;
import dev.pulsecrm.marketing.campaign.CampaignService;
import dev.pulsecrm.marketing.campaign.CreateCampaign;
import dev.pulsecrm.marketing.campaign.RecordSpend;
import dev.pulsecrm.marketing.engagement.EngagementService;
import dev.pulsecrm.marketing.importing.ImportLines.EventLine;
import dev.pulsecrm.marketing.importing.ImportLines.LeadLine;
import dev.pulsecrm.marketing.importing.ImportLines.SpendLine;
import dev.pulsecrm.marketing.importing.ImportLines.SubscriptionLine;
import dev.pulsecrm.marketing.lead.CreateLead;
import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.marketing.lead.LeadHistory;
import dev.pulsecrm.marketing.lead.LeadService;
import dev.pulsecrm.marketing.subscription.RecordSubscription;
import dev.pulsecrm.marketing.subscription.SubscriptionService;
import dev.pulsecrm.platform.ndjson.NdjsonImport;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.ndjson.NdjsonImport.Applied;
import dev.pulsecrm.platform.ndjson.NdjsonImport.ImportReport;
import jakarta.validation.Validator;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/marketing/import}: NDJSON lines of kind campaign, spend, lead (with history), event and
 * subscription, each applied through the same services as the REST API. Lead conversion is not an import line.
 */
@RestController
class MarketingImportController {

	private final ObjectMapper mapper;

	private final Validator validator;

	private final CampaignService campaigns;

	private final LeadService leads;

	private final EngagementService engagement;

	private final SubscriptionService subscriptions;

	MarketingImportController(ObjectMapper mapper, Validator validator, CampaignService campaigns, LeadService leads,
			EngagementService engagement, SubscriptionService subscriptions) {
		this.mapper = mapper;
		this.validator = validator;
		this.campaigns = campaigns;
		this.leads = leads;
		this.engagement = engagement;
		this.subscriptions = subscriptions;
	}

	@PostMapping(path = "/api/marketing/import",
			consumes = { "application/x-ndjson", "text/plain", "application/json" })
	ImportReport importLines(InputStream body) throws IOException {
		return NdjsonImport.builder(this.mapper, this.validator)
			.on("campaign", CreateCampaign.class, (line) -> applied(this.campaigns.create(line), Campaign::id))
			.on("spend", SpendLine.class, this::spend)
			.on("lead", LeadLine.class, this::lead)
			.on("event", EventLine.class, this::event)
			.on("subscription", SubscriptionLine.class, (line) -> applied(this.subscriptions
				.record(new RecordSubscription(line.email(), line.action(), line.at(), line.externalId())),
					(event) -> event.id()))
			.build()
			.run(body);
	}

	private Applied spend(SpendLine line) {
		Campaign campaign = this.campaigns.byIdOrExternalId(line.campaignId(), line.campaignExternalId());
		return applied(
				this.campaigns.recordSpend(campaign, new RecordSpend(line.amount(), line.date(), line.externalId())),
				(entry) -> entry.id());
	}

	private Applied lead(LeadLine line) {
		String campaignId = (line.campaignId() == null && line.campaignExternalId() == null) ? null
				: this.campaigns.byIdOrExternalId(line.campaignId(), line.campaignExternalId()).id();
		CreateLead lead = new CreateLead(line.name(), line.email(), line.company(), line.companySize(),
				line.industry(), line.region(), line.segment(), line.role(), line.channel(), campaignId,
				line.ownerId(), line.externalId(), line.createdAt());
		LeadHistory history = new LeadHistory(line.contactedAt(), line.qualifiedAt(), line.disqualifiedAt(),
				line.reason());
		return applied(this.leads.create(lead, history), Lead::id);
	}

	private Applied event(EventLine line) {
		Campaign campaign = this.campaigns.byIdOrExternalId(line.campaignId(), line.campaignExternalId());
		Lead lead = this.leads.referenced(line.leadId(), line.leadExternalId()).orElseGet(() -> {
			if (line.email() == null) {
				throw ProblemException.invalid("leadId", "leadId, leadExternalId or email is required");
			}
			return this.leads.byEmail(line.email());
		});
		return applied(this.engagement.record(campaign, lead, line.event(), line.at()), (event) -> event.id());
	}

	private static <T> Applied applied(Created<T> created, java.util.function.Function<T, String> id) {
		return new Applied(id.apply(created.value()), created.isNew());
	}
}
