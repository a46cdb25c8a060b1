package dev.pulsecrm.support.survey;

import dev.pulsecrm.platform.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "surveys", description = "NPS (0–10) and CSAT (1–5) responses, optionally about a ticket, optionally "
		+ "answering how the customer heard about us (a marketing channel).")
@RestController
@RequestMapping("/api/support/surveys/responses")
class SurveyController {

	private final SurveyService surveys;

	SurveyController(SurveyService surveys) {
		this.surveys = surveys;
	}

	@Operation(summary = "Record a response", description = "An out-of-range score is 422 on score; an unknown "
			+ "ticketId, or a ticket of another account, 422 on ticketId. 201, or 200 for a repeated externalId.")
	@PostMapping
	ResponseEntity<SurveyResponse> record(@Valid @RequestBody RecordSurveyResponse command) {
		SurveyService.Created created = this.surveys.record(command);
		return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK).body(created.response());
	}

	@GetMapping
	PageResponse<SurveyResponse> list(@RequestParam(required = false) SurveyType type,
			@RequestParam(required = false) String accountId, @RequestParam(required = false) String ticketId,
			@RequestParam(required = false) HeardFrom heardFrom, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.surveys.list(type, accountId, ticketId, heardFrom, page, size);
	}

	@GetMapping("/{id}")
	SurveyResponse get(@PathVariable String id) {
		return this.surveys.get(id);
	}
}
