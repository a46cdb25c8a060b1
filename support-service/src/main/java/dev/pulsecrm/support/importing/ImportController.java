package dev.pulsecrm.support.importing;

import java.io.IOException;
import java.io.InputStream;

import dev.pulsecrm.platform.ndjson.NdjsonImport;
import dev.pulsecrm.platform.ndjson.NdjsonImport.Applied;
import dev.pulsecrm.platform.ndjson.NdjsonImport.ImportReport;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.support.survey.SurveyService;
import dev.pulsecrm.support.ticket.TicketService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/support/import}: NDJSON lines of type {@code ticket} (with history) and {@code survey}. */
@RestController
class ImportController {

	private final TicketService tickets;

	private final SurveyService surveys;

	private final ObjectMapper mapper;

	private final Validator validator;

	ImportController(TicketService tickets, SurveyService surveys, ObjectMapper mapper, Validator validator) {
		this.tickets = tickets;
		this.surveys = surveys;
		this.mapper = mapper;
		this.validator = validator;
	}

	@Operation(summary = "Bulk import (NDJSON)", description = "Lines of type ticket (the POST /tickets body plus "
			+ "history [{action REPLY|RESOLVE|REOPEN|CLOSE, at, agentId?, public?}]) and survey (surveyType for type, "
			+ "ticketId or ticketExternalId). A line is applied whole or not at all.")
	@PostMapping(path = "/api/support/import",
			consumes = { "application/x-ndjson", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ImportReport importRecords(InputStream body) throws IOException {
		return NdjsonImport.builder(this.mapper, this.validator).on("ticket", TicketLine.class, (line) -> {
			TicketService.Created created = this.tickets.createWithHistory(line.ticket(), line.steps());
			return new Applied(created.ticket().id(), created.isNew());
		}).on("survey", SurveyLine.class, (line) -> {
			SurveyService.Created created = this.surveys.record(line.response(ticketIdOf(line)));
			return new Applied(created.response().id(), created.isNew());
		}).build().run(body);
	}

	private String ticketIdOf(SurveyLine line) {
		if (line.ticketId() != null || line.ticketExternalId() == null) {
			return line.ticketId();
		}
		return this.tickets.byExternalId(line.ticketExternalId())
			.orElseThrow(() -> ProblemException.invalid("ticketExternalId",
					"no ticket has externalId " + line.ticketExternalId()))
			.id();
	}
}
