package dev.pulsecrm.marketing.lead;

import dev.pulsecrm.marketing.campaign.Channel;
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
@RequestMapping("/api/marketing/leads")
class LeadController {

	private final LeadService leads;

	LeadController(LeadService leads) {
		this.leads = leads;
	}

	@PostMapping
	ResponseEntity<Lead> create(@Valid @RequestBody CreateLead command) {
		return this.leads.create(command).response();
	}

	/** Highest score first. */
	@GetMapping
	PageResponse<Lead> list(@RequestParam(required = false) LeadStatus status,
			@RequestParam(required = false) Channel channel, @RequestParam(required = false) String campaignId,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) Long minScore,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.leads.list(status, channel, campaignId, ownerId, minScore, page, size);
	}

	@GetMapping("/{id}")
	Lead get(@PathVariable String id) {
		return this.leads.get(id);
	}

	@PostMapping("/{id}/contact")
	Lead contact(@PathVariable String id, @Valid @RequestBody ContactLead command) {
		return this.leads.contact(id, command);
	}

	@PostMapping("/{id}/qualify")
	Lead qualify(@PathVariable String id, @RequestBody(required = false) QualifyLead command) {
		return this.leads.qualify(id, command == null ? new QualifyLead(null) : command);
	}

	@PostMapping("/{id}/disqualify")
	Lead disqualify(@PathVariable String id, @Valid @RequestBody DisqualifyLead command) {
		return this.leads.disqualify(id, command);
	}
}
