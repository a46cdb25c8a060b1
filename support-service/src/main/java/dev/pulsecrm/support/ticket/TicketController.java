package dev.pulsecrm.support.ticket;

import java.time.Instant;

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

@Tag(name = "tickets", description = "OPEN → PENDING (a public reply) → RESOLVED → CLOSED; RESOLVED → OPEN by reopen. "
		+ "CLOSED is final. Illegal transitions are 409; an instant before the ticket's last event or in the future is 422.")
@RestController
@RequestMapping("/api/support/tickets")
class TicketController {

	private final TicketService tickets;

	TicketController(TicketService tickets) {
		this.tickets = tickets;
	}

	@Operation(summary = "Open a ticket", description = "SLA deadlines come from the policy in force now; "
			+ "channel is free text (EMAIL, PHONE, CHAT, WEB, …) stored upper-case. 201, or 200 with the ticket "
			+ "already created under the same externalId.")
	@PostMapping
	ResponseEntity<TicketView> create(@Valid @RequestBody CreateTicket command) {
		TicketService.Created created = this.tickets.create(command);
		return ResponseEntity.status(created.isNew() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(this.tickets.view(created.ticket()));
	}

	@Operation(summary = "List tickets", description = "breached=true: a deadline passed without its event or "
			+ "the event came after it. dueBefore: the agent's queue, OPEN/PENDING tickets whose next deadline "
			+ "(first response, then resolution) is before the instant, soonest first.")
	@GetMapping
	PageResponse<TicketView> list(@RequestParam(required = false) TicketStatus status,
			@RequestParam(required = false) Priority priority, @RequestParam(required = false) String assigneeId,
			@RequestParam(required = false) String team, @RequestParam(required = false) String accountId,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean breached, @RequestParam(required = false) Instant dueBefore,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		TicketFilter filter = new TicketFilter(status, priority, assigneeId, team, accountId, channel, category,
				breached, dueBefore);
		return this.tickets.list(filter, page, size);
	}

	@GetMapping("/{id}")
	TicketView get(@PathVariable String id) {
		return this.tickets.view(this.tickets.get(id));
	}

	@Operation(summary = "Reply", description = "The first public reply sets firstResponseAt; a public reply "
			+ "moves OPEN to PENDING. An internal note (public=false) changes no state. 409 on RESOLVED/CLOSED.")
	@PostMapping("/{id}/reply")
	TicketView reply(@PathVariable String id, @Valid @RequestBody ReplyToTicket command) {
		return this.tickets.view(this.tickets.reply(id, command));
	}

	@Operation(summary = "Resolve", description = "From OPEN or PENDING. The first resolution sets resolvedAt "
			+ "for good; every resolution is listed in resolutions.")
	@PostMapping("/{id}/resolve")
	TicketView resolve(@PathVariable String id, @RequestBody(required = false) TicketChange command) {
		return this.tickets.view(this.tickets.resolve(id, orNow(command)));
	}

	@Operation(summary = "Reopen", description = "From RESOLVED only; resolvedAt keeps the first resolution.")
	@PostMapping("/{id}/reopen")
	TicketView reopen(@PathVariable String id, @RequestBody(required = false) TicketChange command) {
		return this.tickets.view(this.tickets.reopen(id, orNow(command)));
	}

	@Operation(summary = "Close", description = "From RESOLVED only; CLOSED is final.")
	@PostMapping("/{id}/close")
	TicketView close(@PathVariable String id, @RequestBody(required = false) TicketChange command) {
		return this.tickets.view(this.tickets.close(id, orNow(command)));
	}

	@Operation(summary = "Assign", description = "Any state but CLOSED. Only the assignee, their team or a "
			+ "manager may change an assigned ticket; an unassigned one may be picked up by anyone.")
	@PostMapping("/{id}/assign")
	TicketView assign(@PathVariable String id, @Valid @RequestBody AssignTicket command) {
		return this.tickets.view(this.tickets.assign(id, command));
	}

	private static TicketChange orNow(TicketChange command) {
		return command == null ? new TicketChange(null) : command;
	}
}
