package dev.pulsecrm.support.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.support.sla.SlaDeadlines;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's support request and its whole history. The state machine lives here as pure functions returning the
 * changed ticket, so a REST command and an imported history go through the same rules and are saved once.
 * <p>
 * Numbers the facts need are stored at write time, because the aggregations may not do date arithmetic:
 * {@code firstResponseMillis} and {@code resolutionMillis} (from {@code createdAt}), {@code firstResponseLate} and
 * {@code resolutionLate} (the event came after its deadline), and {@code nextDueAt} for the agent's queue.
 */
@Document("tickets")
@CompoundIndex(name = "queue", def = "{'status': 1, 'nextDueAt': 1}")
public record Ticket(@Id String id, @Indexed(unique = true, sparse = true) String externalId,
		@Indexed String accountId, String subject, Priority priority, String channel, String category,
		@Indexed String assigneeId, @Indexed String team, TicketStatus status, @Indexed Instant createdAt,
		Instant firstResponseDueAt, Instant resolutionDueAt, Instant nextDueAt, @Indexed Instant firstResponseAt,
		Long firstResponseMillis, boolean firstResponseLate, @Indexed Instant resolvedAt, Long resolutionMillis,
		boolean resolutionLate, List<Instant> resolutions, Instant closedAt, List<TicketEvent> history,
		@Version Long version) {

	/** A new {@code OPEN} ticket with its SLA deadlines fixed by the policy in force at {@code createdAt}. */
	public static Ticket open(String externalId, String accountId, String subject, Priority priority, String channel,
			String category, String assigneeId, String team, Instant createdAt, SlaDeadlines deadlines) {
		return new Ticket(null, externalId, accountId, subject, priority, channel, category, assigneeId, team,
				TicketStatus.OPEN, createdAt, deadlines.firstResponseDueAt(), deadlines.resolutionDueAt(),
				deadlines.firstResponseDueAt(), null, null, false, null, null, false, List.of(), null, List.of(),
				null);
	}

	/**
	 * An agent's reply. The first public one is the first response; a public reply also hands the ticket to the
	 * customer ({@code OPEN → PENDING}). An internal note ({@code public = false}) changes no state.
	 */
	public Ticket reply(String agentId, boolean publicReply, Instant at) {
		requireStatus("reply to", TicketStatus.OPEN, TicketStatus.PENDING);
		requireNotBeforeLastEvent(at);
		Draft next = new Draft(this);
		next.history.add(TicketEvent.reply(at, agentId, publicReply));
		if (publicReply) {
			if (this.firstResponseAt == null) {
				next.firstResponseAt = at;
				next.firstResponseMillis = Duration.between(this.createdAt, at).toMillis();
				next.firstResponseLate = at.isAfter(this.firstResponseDueAt);
			}
			next.status = TicketStatus.PENDING;
		}
		return next.build();
	}

	/** {@code OPEN|PENDING → RESOLVED}. Only the first resolution sets {@code resolvedAt}; every one is listed. */
	public Ticket resolve(Instant at) {
		requireStatus("resolve", TicketStatus.OPEN, TicketStatus.PENDING);
		requireNotBeforeLastEvent(at);
		Draft next = new Draft(this);
		next.history.add(TicketEvent.of(TicketAction.RESOLVE, at));
		next.resolutions.add(at);
		next.status = TicketStatus.RESOLVED;
		if (this.resolvedAt == null) {
			next.resolvedAt = at;
			next.resolutionMillis = Duration.between(this.createdAt, at).toMillis();
			next.resolutionLate = at.isAfter(this.resolutionDueAt);
			// resolved without ever answering publicly: the first-response target was missed if this came late
			if (this.firstResponseAt == null && at.isAfter(this.firstResponseDueAt)) {
				next.firstResponseLate = true;
			}
		}
		return next.build();
	}

	/** {@code RESOLVED → OPEN}; the first {@code resolvedAt} stays, so resolution facts count the ticket once. */
	public Ticket reopen(Instant at) {
		requireStatus("reopen", TicketStatus.RESOLVED);
		requireNotBeforeLastEvent(at);
		Draft next = new Draft(this);
		next.history.add(TicketEvent.of(TicketAction.REOPEN, at));
		next.status = TicketStatus.OPEN;
		return next.build();
	}

	/** {@code RESOLVED → CLOSED}, final. */
	public Ticket close(Instant at) {
		requireStatus("close", TicketStatus.RESOLVED);
		requireNotBeforeLastEvent(at);
		Draft next = new Draft(this);
		next.history.add(TicketEvent.of(TicketAction.CLOSE, at));
		next.status = TicketStatus.CLOSED;
		next.closedAt = at;
		return next.build();
	}

	/** Hands the ticket to an agent and/or team; a closed ticket is not worked on any more. */
	public Ticket assign(String assigneeId, String team) {
		if (this.status == TicketStatus.CLOSED) {
			throw ProblemException.conflict("cannot assign ticket " + this.id + ": it is CLOSED");
		}
		Draft next = new Draft(this);
		next.assigneeId = assigneeId;
		next.team = team;
		return next.build();
	}

	/**
	 * 403 unless the caller may change this ticket: its assignee, a member of its team, or a manager. A ticket
	 * nobody has been assigned yet is the whole support desk's, so anyone reaching the service may pick it up.
	 */
	public void requireMayBeChangedBy(Caller caller) {
		if (this.assigneeId != null || this.team != null) {
			caller.requireMayChange("ticket", this.assigneeId, this.team);
		}
	}

	/** A deadline passed without its event, or the event came after it. */
	public boolean breachedAt(Instant now) {
		return this.firstResponseLate || this.resolutionLate
				|| (this.firstResponseAt == null && this.resolvedAt == null
						&& now.isAfter(this.firstResponseDueAt))
				|| (this.resolvedAt == null && now.isAfter(this.resolutionDueAt));
	}

	/** Resolved by its resolution deadline (at the deadline counts as in time). */
	public boolean resolvedWithinSla() {
		return this.resolvedAt != null && !this.resolutionLate;
	}

	/** Instant of the latest thing that happened; a new event may not be earlier. */
	public Instant lastEventAt() {
		return (this.history == null || this.history.isEmpty()) ? this.createdAt : this.history.get(this.history.size() - 1).at();
	}

	private void requireStatus(String action, TicketStatus... allowed) {
		for (TicketStatus status : allowed) {
			if (this.status == status) {
				return;
			}
		}
		throw ProblemException.conflict("cannot " + action + " ticket " + this.id + ": it is " + this.status);
	}

	private void requireNotBeforeLastEvent(Instant at) {
		Instant last = lastEventAt();
		if (at.isBefore(last)) {
			throw ProblemException.invalid("at", "must not be before the ticket's last event (" + last + ")");
		}
	}

	/** The next deadline an agent works towards while the ticket is active: first response, then resolution. */
	private static Instant nextDueAt(TicketStatus status, Instant firstResponseAt, Instant firstResponseDueAt,
			Instant resolutionDueAt) {
		if (!status.isActive()) {
			return null;
		}
		return firstResponseAt == null ? firstResponseDueAt : resolutionDueAt;
	}

	/** A mutable copy for building the next immutable ticket. */
	private static final class Draft {

		private final Ticket from;

		private String assigneeId;

		private String team;

		private TicketStatus status;

		private Instant firstResponseAt;

		private Long firstResponseMillis;

		private boolean firstResponseLate;

		private Instant resolvedAt;

		private Long resolutionMillis;

		private boolean resolutionLate;

		private final List<Instant> resolutions;

		private Instant closedAt;

		private final List<TicketEvent> history;

		Draft(Ticket from) {
			this.from = from;
			this.assigneeId = from.assigneeId;
			this.team = from.team;
			this.status = from.status;
			this.firstResponseAt = from.firstResponseAt;
			this.firstResponseMillis = from.firstResponseMillis;
			this.firstResponseLate = from.firstResponseLate;
			this.resolvedAt = from.resolvedAt;
			this.resolutionMillis = from.resolutionMillis;
			this.resolutionLate = from.resolutionLate;
			this.resolutions = new ArrayList<>(from.resolutions == null ? List.of() : from.resolutions);
			this.closedAt = from.closedAt;
			this.history = new ArrayList<>(from.history == null ? List.of() : from.history);
		}

		Ticket build() {
			Ticket f = this.from;
			return new Ticket(f.id, f.externalId, f.accountId, f.subject, f.priority, f.channel, f.category,
					this.assigneeId, this.team, this.status, f.createdAt, f.firstResponseDueAt, f.resolutionDueAt,
					nextDueAt(this.status, this.firstResponseAt, f.firstResponseDueAt, f.resolutionDueAt),
					this.firstResponseAt, this.firstResponseMillis, this.firstResponseLate, this.resolvedAt,
					this.resolutionMillis, this.resolutionLate, List.copyOf(this.resolutions), this.closedAt,
					List.copyOf(this.history), f.version);
		}
	}
}
