package dev.pulsecrm.marketing.conversion;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConversionController {

	private final ConversionService conversions;

	ConversionController(ConversionService conversions) {
		this.conversions = conversions;
	}

	/**
	 * Converts a QUALIFIED lead (409 otherwise); 503 when sales is down (the lead stays unconverted). Repeating it
	 * on a converted lead returns the same account and deal.
	 */
	@PostMapping("/api/marketing/leads/{id}/convert")
	Conversion convert(@PathVariable String id, @Valid @RequestBody ConvertLead command) {
		return this.conversions.convert(id, command);
	}
}
