package dev.pulsecrm.support.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.CallerProvider;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;
import dev.pulsecrm.support.sla.SlaDeadlines;
import dev.pulsecrm.support.sla.SlaPolicyService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

@Service
public class TicketService {

	private final TicketRepository tickets;

	private final MongoTemplate mongo;

	private final SlaPolicyService slaPolicies;

	private final CallerProvider callers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public TicketService(TicketRepository tickets, MongoTemplate mongo, SlaPolicyService slaPolicies,
			CallerProvider callers, ApplicationEventPublisher events, Clock clock) {
		this.tickets = tickets;
		this.mongo = mongo;
		this.slaPolicies = slaPolicies;
		this.callers = callers;
		this.events = events;
		this.clock = clock;
	}

	/** Creates a ticket, or returns the one already created with the same {@code externalId}. */
	public Created create(CreateTicket command) {
		return createWithHistory(command, List.of());
	}

	/**
	 * Creates a ticket and replays its past events on it in memory, saving once: a history that breaks a rule
	 * (an illegal transition, an event out of order) is refused whole and nothing is written.
	 */
	public Created createWithHistory(CreateTicket command, List<TicketHistoryStep> history) {
		Optional<Ticket> existing = byExternalId(command.externalId());
		if (existing.isPresent()) {
			return new Created(existing.get(), false);
		}
		Instant createdAt = EventTime.pastOrNow("createdAt", command.createdAt(), this.clock);
		SlaDeadlines deadlines = this.slaPolicies.deadlinesFor(command.priority(), createdAt);
		Ticket ticket = Ticket.open(blankToNull(command.externalId()), command.accountId().trim(),
				command.subject().trim(), command.priority(), command.channel().trim().toUpperCase(Locale.ROOT),
				blankToNull(command.category()), blankToNull(command.assigneeId()), blankToNull(command.team()),
				createdAt, deadlines);
		for (int i = 0; i < history.size(); i++) {
			ticket = replay(ticket, "history[" + i + "]", history.get(i));
		}
		try {
			return new Created(this.tickets.save(ticket), true);
		}
		catch (DuplicateKeyException ex) {
			// a concurrent create with the same externalId won the race: answer as a repeat
			return new Created(byExternalId(command.externalId()).orElseThrow(() -> ex), false);
		}
	}

	public Ticket get(String id) {
		return this.tickets.findById(id).orElseThrow(() -> ProblemException.notFound("ticket", id));
	}

	public Optional<Ticket> byExternalId(String externalId) {
		return (externalId == null || externalId.isBlank()) ? Optional.empty()
				: this.tickets.findByExternalId(externalId);
	}

	public TicketView view(Ticket ticket) {
		return TicketView.of(ticket, this.clock.instant());
	}

	public Ticket reply(String id, ReplyToTicket command) {
		Instant at = EventTime.pastOrNow("at", command.at(), this.clock);
		return change(id, (ticket) -> ticket.reply(command.agentId(), command.publicReply(), at));
	}

	public Ticket resolve(String id, TicketChange command) {
		Instant at = EventTime.pastOrNow("at", command.at(), this.clock);
		return change(id, (ticket) -> ticket.resolve(at));
	}

	public Ticket reopen(String id, TicketChange command) {
		Instant at = EventTime.pastOrNow("at", command.at(), this.clock);
		return change(id, (ticket) -> ticket.reopen(at));
	}

	public Ticket close(String id, TicketChange command) {
		Instant at = EventTime.pastOrNow("at", command.at(), this.clock);
		return change(id, (ticket) -> ticket.close(at));
	}

	public Ticket assign(String id, AssignTicket command) {
		Ticket assigned = change(id,
				(ticket) -> ticket.assign(blankToNull(command.assigneeId()), blankToNull(command.team())));
		this.events.publishEvent(new TicketAssigned(assigned.id(), assigned.team()));
		return assigned;
	}

	/** A page of tickets matching the typed filter; the agent's queue ({@code dueBefore}) is sorted by deadline. */
	public PageResponse<TicketView> list(TicketFilter filter, int page, int size) {
		PageResponse.checkPaging(page, size);
		Instant now = this.clock.instant();
		Query query = new Query(criteria(filter, now));
		long total = this.mongo.count(query, Ticket.class);
		Sort sort = (filter.dueBefore() != null) ? Sort.by(Sort.Order.asc("nextDueAt"), Sort.Order.asc("_id"))
				: Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id"));
		query.with(sort).skip((long) page * size).limit(size);
		List<TicketView> items = this.mongo.find(query, Ticket.class)
			.stream()
			.map((ticket) -> TicketView.of(ticket, now))
			.toList();
		return new PageResponse<>(items, page, size, total);
	}

	static Criteria criteria(TicketFilter filter, Instant now) {
		List<Criteria> all = new ArrayList<>();
		if (filter.status() != null) {
			all.add(Criteria.where("status").is(filter.status().name()));
		}
		if (filter.priority() != null) {
			all.add(Criteria.where("priority").is(filter.priority().name()));
		}
		equalsIfGiven(all, "assigneeId", filter.assigneeId());
		equalsIfGiven(all, "team", filter.team());
		equalsIfGiven(all, "accountId", filter.accountId());
		if (filter.channel() != null) {
			equalsIfGiven(all, "channel", filter.channel().trim().toUpperCase(Locale.ROOT));
		}
		equalsIfGiven(all, "category", filter.category());
		if (filter.dueBefore() != null) {
			all.add(Criteria.where("status").in(TicketStatus.OPEN.name(), TicketStatus.PENDING.name()));
			all.add(Criteria.where("nextDueAt").lt(filter.dueBefore()));
		}
		if (Boolean.TRUE.equals(filter.breached())) {
			all.add(breached(now));
		}
		else if (Boolean.FALSE.equals(filter.breached())) {
			all.add(notBreached(now));
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

	/** {@link Ticket#breachedAt} as a query. */
	private static Criteria breached(Instant now) {
		return new Criteria().orOperator(Criteria.where("firstResponseLate").is(true),
				Criteria.where("resolutionLate").is(true),
				new Criteria().andOperator(Criteria.where("firstResponseAt").is(null),
						Criteria.where("resolvedAt").is(null), Criteria.where("firstResponseDueAt").lt(now)),
				new Criteria().andOperator(Criteria.where("resolvedAt").is(null),
						Criteria.where("resolutionDueAt").lt(now)));
	}

	/** The negation of {@link #breached}, spelled out (De Morgan) so it needs no {@code $nor}. */
	private static Criteria notBreached(Instant now) {
		return new Criteria().andOperator(Criteria.where("firstResponseLate").is(false),
				Criteria.where("resolutionLate").is(false),
				new Criteria().orOperator(Criteria.where("firstResponseAt").ne(null),
						Criteria.where("resolvedAt").ne(null), Criteria.where("firstResponseDueAt").gte(now)),
				new Criteria().orOperator(Criteria.where("resolvedAt").ne(null),
						Criteria.where("resolutionDueAt").gte(now)));
	}

	private static void equalsIfGiven(List<Criteria> all, String field, String value) {
		if (value != null && !value.isBlank()) {
			all.add(Criteria.where(field).is(value));
		}
	}

	private Ticket change(String id, UnaryOperator<Ticket> transition) {
		Ticket ticket = get(id);
		ticket.requireMayBeChangedBy(this.callers.current());
		return this.tickets.save(transition.apply(ticket));
	}

	private Ticket replay(Ticket ticket, String field, TicketHistoryStep step) {
		if (step == null || step.action() == null || step.at() == null) {
			throw ProblemException.invalid(field, "needs an action and an at");
		}
		Instant at = EventTime.pastOrNow(field + ".at", step.at(), this.clock);
		try {
			return switch (step.action()) {
				case REPLY -> ticket.reply(step.agentId(), !Boolean.FALSE.equals(step.publicReply()), at);
				case RESOLVE -> ticket.resolve(at);
				case REOPEN -> ticket.reopen(at);
				case CLOSE -> ticket.close(at);
			};
		}
		catch (ProblemException ex) {
			// name the history entry, keep the status (409 illegal transition, 422 out of order)
			throw new ProblemException(ex.status(), field + ": " + ex.getMessage(), ex.errors());
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	public record Created(Ticket ticket, boolean isNew) {
	}
}
