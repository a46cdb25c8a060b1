package dev.pulsecrm.support.survey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.support.ticket.Ticket;
import dev.pulsecrm.support.ticket.TicketAssigned;
import dev.pulsecrm.support.ticket.TicketRepository;
import org.bson.Document;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

@Service
public class SurveyService {

	private static final String SURVEY_RESPONSES = "survey_responses";

	private final SurveyResponseRepository responses;

	private final TicketRepository tickets;

	private final MongoTemplate mongo;

	private final Rollups rollups;

	private final Clock clock;

	public SurveyService(SurveyResponseRepository responses, TicketRepository tickets, MongoTemplate mongo,
			Rollups rollups, Clock clock) {
		this.responses = responses;
		this.tickets = tickets;
		this.mongo = mongo;
		this.rollups = rollups;
		this.clock = clock;
	}

	/**
	 * Records a response, or returns the one already recorded with the same {@code externalId}. An out-of-range
	 * score or an unknown ticket is refused with 422 naming the field, and nothing is stored.
	 */
	public Created record(RecordSurveyResponse command) {
		Optional<SurveyResponse> existing = byExternalId(command.externalId());
		if (existing.isPresent()) {
			return new Created(existing.get(), false);
		}
		if (!command.type().accepts(command.score())) {
			throw ProblemException.invalid("score", "must be between " + command.type().min() + " and "
					+ command.type().max() + " for " + command.type());
		}
		Instant respondedAt = EventTime.pastOrNow("respondedAt", command.respondedAt(), this.clock);
		String accountId = command.accountId().trim();
		LinkedTicket linked = null;
		String ticketId = blankToNull(command.ticketId());
		if (ticketId != null) {
			Ticket ticket = this.tickets.findById(ticketId)
				.orElseThrow(() -> ProblemException.invalid("ticketId", "ticket " + ticketId + " does not exist"));
			if (!ticket.accountId().equals(accountId)) {
				throw ProblemException.invalid("ticketId", "ticket " + ticketId + " belongs to another account");
			}
			linked = new LinkedTicket(ticket.priority().name(), ticket.channel(), ticket.category(), ticket.team());
		}
		SurveyResponse response = new SurveyResponse(null, blankToNull(command.externalId()), command.type(),
				accountId, command.score(), ticketId, command.comment(), command.heardFrom(), respondedAt, linked);
		try {
			return new Created(this.responses.save(response), true);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent create with the same externalId won the race: answer as a repeat
			return new Created(byExternalId(command.externalId()).orElseThrow(() -> ex), false);
		}
	}

	public SurveyResponse get(String id) {
		return this.responses.findById(id).orElseThrow(() -> ProblemException.notFound("survey response", id));
	}

	public PageResponse<SurveyResponse> list(SurveyType type, String accountId, String ticketId,
			HeardFrom heardFrom, int page, int size) {
		PageResponse.checkPaging(page, size);
		List<Criteria> all = new ArrayList<>();
		if (type != null) {
			all.add(Criteria.where("type").is(type.name()));
		}
		if (heardFrom != null) {
			all.add(Criteria.where("heardFrom").is(heardFrom.name()));
		}
		if (accountId != null && !accountId.isBlank()) {
			all.add(Criteria.where("accountId").is(accountId));
		}
		if (ticketId != null && !ticketId.isBlank()) {
			all.add(Criteria.where("ticketId").is(ticketId));
		}
		Query query = new Query(all.isEmpty() ? new Criteria() : new Criteria().andOperator(all));
		long total = this.mongo.count(query, SurveyResponse.class);
		query.with(Sort.by(Sort.Order.desc("respondedAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		return new PageResponse<>(this.mongo.find(query, SurveyResponse.class), page, size, total);
	}

	/**
	 * Responses about a reassigned ticket move with it, so survey facts by team follow the ticket's team. The update
	 * bypasses the save lifecycle, so the KPI rollups of every response it changed are refreshed here. Their ids are
	 * read after the update: a response's {@code ticketId} never changes, so that finds every response the update
	 * changed, including one recorded between a read before and the update (refreshing an unchanged one is a no-op).
	 */
	@EventListener
	void ticketAssigned(TicketAssigned assigned) {
		Query aboutTicket = Query.query(Criteria.where("ticketId").is(assigned.ticketId()));
		this.mongo.updateMulti(aboutTicket, new Update().set("linkedTicket.team", assigned.team()),
				SurveyResponse.class);
		aboutTicket.fields().include("_id");
		for (Document id : this.mongo.find(aboutTicket, Document.class, SURVEY_RESPONSES)) {
			this.rollups.refresh(SURVEY_RESPONSES, id.get("_id"));
		}
	}

	private Optional<SurveyResponse> byExternalId(String externalId) {
		return (externalId == null || externalId.isBlank()) ? Optional.empty()
				: this.responses.findByExternalId(externalId);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	public record Created(SurveyResponse response, boolean isNew) {
	}
}
