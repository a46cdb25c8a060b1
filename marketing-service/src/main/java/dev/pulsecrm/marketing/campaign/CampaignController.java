package dev.pulsecrm.marketing.campaign;

import dev.pulsecrm.platform.web.PageResponse;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/marketing/campaigns")
class CampaignController {

	private final CampaignService campaigns;

	CampaignController(CampaignService campaigns) {
		this.campaigns = campaigns;
	}

	@PostMapping
	ResponseEntity<Campaign> create(@Valid @RequestBody CreateCampaign command) {
		return this.campaigns.create(command).response();
	}

	@GetMapping
	PageResponse<Campaign> list(@RequestParam(required = false) Channel channel,
			@RequestParam(required = false) String region, @RequestParam(required = false) String industry,
			@RequestParam(required = false) String segment, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.campaigns.list(channel, region, industry, segment, page, size);
	}

	@GetMapping("/{id}")
	Campaign get(@PathVariable String id) {
		return this.campaigns.get(id);
	}

	@PostMapping("/{id}/spend")
	ResponseEntity<SpendEntry> spend(@PathVariable String id, @Valid @RequestBody RecordSpend command) {
		return this.campaigns.recordSpend(id, command).response();
	}
}
