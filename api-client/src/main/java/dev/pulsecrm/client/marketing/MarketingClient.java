package dev.pulsecrm.client.marketing;

import java.util.List;

import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.Page;
import dev.pulsecrm.client.PulseCrmFeignConfiguration;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** The marketing API ({@code /api/marketing}) through the gateway. */
@FeignClient(name = "marketing", url = "${pulsecrm.api.url:http://localhost:8080}", path = "/api/marketing",
		configuration = PulseCrmFeignConfiguration.class)
public interface MarketingClient {

	@PostMapping("/campaigns")
	Campaign createCampaign(@RequestBody CreateCampaign command);

	@GetMapping("/campaigns")
	Page<Campaign> listCampaigns(@RequestParam(required = false) Channel channel,
			@RequestParam(required = false) String region, @RequestParam(required = false) String industry,
			@RequestParam(required = false) String segment, @RequestParam int page, @RequestParam int size);

	@GetMapping("/campaigns/{id}")
	Campaign getCampaign(@PathVariable String id);

	@PostMapping("/campaigns/{id}/spend")
	SpendEntry recordSpend(@PathVariable String id, @RequestBody RecordSpend command);

	/** At most 1000 events per call; each item is reported on its own. */
	@PostMapping("/campaigns/{id}/events")
	EngagementBatchResult recordEvents(@PathVariable String id, @RequestBody List<EngagementItem> events);

	@PostMapping("/subscriptions")
	SubscriptionEvent recordSubscription(@RequestBody RecordSubscription command);

	@PostMapping("/leads")
	Lead createLead(@RequestBody CreateLead command);

	/** Highest score first. */
	@GetMapping("/leads")
	Page<Lead> listLeads(@RequestParam(required = false) LeadStatus status,
			@RequestParam(required = false) Channel channel, @RequestParam(required = false) String campaignId,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) Long minScore,
			@RequestParam int page, @RequestParam int size);

	@GetMapping("/leads/{id}")
	Lead getLead(@PathVariable String id);

	@PostMapping("/leads/{id}/contact")
	Lead contactLead(@PathVariable String id, @RequestBody ContactLead command);

	@PostMapping("/leads/{id}/qualify")
	Lead qualifyLead(@PathVariable String id, @RequestBody QualifyLead command);

	@PostMapping("/leads/{id}/disqualify")
	Lead disqualifyLead(@PathVariable String id, @RequestBody DisqualifyLead command);

	/** Creates the account and deal in sales; 409 unless QUALIFIED, 503 when sales is down. */
	@PostMapping("/leads/{id}/convert")
	Conversion convertLead(@PathVariable String id, @RequestBody ConvertLead command);

	@GetMapping("/scoring-rules")
	ScoringRules getScoringRules();

	@PutMapping("/scoring-rules")
	ScoringRules replaceScoringRules(@RequestBody ScoringRules rules);

	@GetMapping("/send-time")
	SendTime sendTime(@RequestParam(required = false) String segment);

	/** Bulk import: NDJSON lines of docs/import-format.md (campaign, spend, lead, event, subscription). */
	@PostMapping(path = "/import", consumes = "application/x-ndjson")
	ImportReport importLines(@RequestBody String ndjson);
}
