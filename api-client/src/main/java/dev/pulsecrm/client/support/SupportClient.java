package dev.pulsecrm.client.support;

import java.time.Instant;
import java.util.List;

import dev.pulsecrm.client.ImportReport;
import dev.pulsecrm.client.Page;
import dev.pulsecrm.client.PulseCrmFeignConfiguration;
import dev.pulsecrm.client.marketing.Channel;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** The support API ({@code /api/support}) through the gateway. */
@FeignClient(name = "support", url = "${pulsecrm.api.url:http://localhost:8080}", path = "/api/support",
		configuration = PulseCrmFeignConfiguration.class)
public interface SupportClient {

	@PostMapping("/tickets")
	Ticket createTicket(@RequestBody CreateTicket command);

	/** {@code breached=true}: a deadline passed; {@code dueBefore}: the agent's queue, soonest first. */
	@GetMapping("/tickets")
	Page<Ticket> listTickets(@RequestParam(required = false) TicketStatus status,
			@RequestParam(required = false) Priority priority, @RequestParam(required = false) String assigneeId,
			@RequestParam(required = false) String team, @RequestParam(required = false) String accountId,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean breached, @RequestParam(required = false) Instant dueBefore,
			@RequestParam int page, @RequestParam int size);

	@GetMapping("/tickets/{id}")
	Ticket getTicket(@PathVariable String id);

	@PostMapping("/tickets/{id}/reply")
	Ticket reply(@PathVariable String id, @RequestBody ReplyToTicket command);

	@PostMapping("/tickets/{id}/resolve")
	Ticket resolve(@PathVariable String id, @RequestBody TicketChange command);

	@PostMapping("/tickets/{id}/reopen")
	Ticket reopen(@PathVariable String id, @RequestBody TicketChange command);

	@PostMapping("/tickets/{id}/close")
	Ticket close(@PathVariable String id, @RequestBody TicketChange command);

	@PostMapping("/tickets/{id}/assign")
	Ticket assign(@PathVariable String id, @RequestBody AssignTicket command);

	@GetMapping("/sla-policies")
	List<SlaTarget> getSlaPolicies();

	/** Every priority exactly once; applies to tickets created afterwards. */
	@PutMapping("/sla-policies")
	List<SlaTarget> replaceSlaPolicies(@RequestBody List<SlaTarget> targets);

	@PostMapping("/surveys/responses")
	SurveyResponse recordSurveyResponse(@RequestBody RecordSurveyResponse command);

	@GetMapping("/surveys/responses")
	Page<SurveyResponse> listSurveyResponses(@RequestParam(required = false) SurveyType type,
			@RequestParam(required = false) String accountId, @RequestParam(required = false) String ticketId,
			@RequestParam(required = false) Channel heardFrom, @RequestParam int page, @RequestParam int size);

	@GetMapping("/surveys/responses/{id}")
	SurveyResponse getSurveyResponse(@PathVariable String id);

	/** Bulk import: NDJSON lines of docs/import-format.md (ticket with history, survey). */
	@PostMapping(path = "/import", consumes = "application/x-ndjson")
	ImportReport importLines(@RequestBody String ndjson);
}
