package dev.pulsecrm.support.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.Caller;
import dev.pulsecrm.support.sla.SlaDeadlines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every transition of the ticket state machine, legal and illegal, on the pure domain object. */
class TicketStateMachineTest {

	static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

	static final Instant LATER = CREATED.plusSeconds(600);

	/** NORMAL defaults: first response in 8 h, resolution in 72 h. */
	static Ticket newTicket() {
		return Ticket.open(null, "acme", "cannot log in", Priority.NORMAL, "EMAIL", null, "alice", "emea", CREATED,
				new SlaDeadlines(CREATED.plusSeconds(8 * 3600), CREATED.plusSeconds(72 * 3600)));
	}

	/** A ticket brought into {@code status} by legal transitions, each a minute after the previous. */
	static Ticket ticketIn(TicketStatus status) {
		Ticket ticket = newTicket();
		return switch (status) {
			case OPEN -> ticket;
			case PENDING -> ticket.reply("alice", true, CREATED.plusSeconds(60));
			case RESOLVED -> ticket.resolve(CREATED.plusSeconds(60));
			case CLOSED -> ticket.resolve(CREATED.plusSeconds(60)).close(CREATED.plusSeconds(120));
		};
	}

	@Test
	void aNewTicketIsOpenWithItsFirstDeadlineNext() {
		Ticket ticket = newTicket();
		assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(ticket.nextDueAt()).isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
		assertThat(ticket.history()).isEmpty();
	}

	@Test
	void aPublicReplyOnAnOpenTicketMakesItPendingAndIsTheFirstResponse() {
		Ticket replied = newTicket().reply("alice", true, LATER);
		assertThat(replied.status()).isEqualTo(TicketStatus.PENDING);
		assertThat(replied.firstResponseAt()).isEqualTo(LATER);
		assertThat(replied.firstResponseMillis()).isEqualTo(600_000L);
		assertThat(replied.nextDueAt()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
	}

	@Test
	void anInternalNoteChangesNeitherStatusNorFirstResponse() {
		Ticket noted = newTicket().reply("alice", false, LATER);
		assertThat(noted.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(noted.firstResponseAt()).isNull();
		assertThat(noted.history()).singleElement().satisfies((event) -> {
			assertThat(event.action()).isEqualTo(TicketAction.REPLY);
			assertThat(event.publicReply()).isFalse();
		});
	}

	@Test
	void aReplyOnAPendingTicketKeepsItPendingAndKeepsTheFirstResponse() {
		Ticket pending = ticketIn(TicketStatus.PENDING);
		Ticket again = pending.reply("bob", true, LATER);
		assertThat(again.status()).isEqualTo(TicketStatus.PENDING);
		assertThat(again.firstResponseAt()).isEqualTo(CREATED.plusSeconds(60));
		assertThat(again.history()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(value = TicketStatus.class, names = { "OPEN", "PENDING" })
	void openAndPendingTicketsCanBeResolved(TicketStatus status) {
		Ticket resolved = ticketIn(status).resolve(LATER);
		assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
		assertThat(resolved.resolvedAt()).isEqualTo(LATER);
		assertThat(resolved.resolutionMillis()).isEqualTo(600_000L);
		assertThat(resolved.resolutions()).containsExactly(LATER);
		assertThat(resolved.nextDueAt()).isNull();
	}

	@Test
	void aResolvedTicketCanBeReopenedAndKeepsItsFirstResolution() {
		Instant firstResolution = CREATED.plusSeconds(60);
		Ticket reopened = ticketIn(TicketStatus.RESOLVED).reopen(LATER);
		assertThat(reopened.status()).isEqualTo(TicketStatus.OPEN);
		assertThat(reopened.resolvedAt()).isEqualTo(firstResolution);

		Instant secondResolution = LATER.plusSeconds(3600);
		Ticket resolvedAgain = reopened.resolve(secondResolution);
		assertThat(resolvedAgain.resolvedAt()).isEqualTo(firstResolution);
		assertThat(resolvedAgain.resolutionMillis()).isEqualTo(60_000L);
		assertThat(resolvedAgain.resolutions()).containsExactly(firstResolution, secondResolution);
		assertThat(resolvedAgain.history()).extracting(TicketEvent::action)
			.containsExactly(TicketAction.RESOLVE, TicketAction.REOPEN, TicketAction.RESOLVE);
		assertThat(resolvedAgain.history()).extracting(TicketEvent::resolvedDelta).containsExactly(1, -1, 1);
	}

	@Test
	void aResolvedTicketCanBeClosed() {
		Ticket closed = ticketIn(TicketStatus.RESOLVED).close(LATER);
		assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
		assertThat(closed.closedAt()).isEqualTo(LATER);
	}

	@ParameterizedTest
	@EnumSource(value = TicketStatus.class, names = { "RESOLVED", "CLOSED" })
	void replyingToAResolvedOrClosedTicketIsAConflict(TicketStatus status) {
		assertConflict(ticketIn(status), (ticket) -> ticket.reply("alice", true, LATER));
	}

	@ParameterizedTest
	@EnumSource(value = TicketStatus.class, names = { "RESOLVED", "CLOSED" })
	void resolvingAResolvedOrClosedTicketIsAConflict(TicketStatus status) {
		assertConflict(ticketIn(status), (ticket) -> ticket.resolve(LATER));
	}

	@ParameterizedTest
	@EnumSource(value = TicketStatus.class, names = { "OPEN", "PENDING", "CLOSED" })
	void onlyAResolvedTicketCanBeReopened(TicketStatus status) {
		assertConflict(ticketIn(status), (ticket) -> ticket.reopen(LATER));
	}

	@ParameterizedTest
	@EnumSource(value = TicketStatus.class, names = { "OPEN", "PENDING", "CLOSED" })
	void onlyAResolvedTicketCanBeClosed(TicketStatus status) {
		assertConflict(ticketIn(status), (ticket) -> ticket.close(LATER));
	}

	@ParameterizedTest
	@EnumSource(value = TicketStatus.class, names = { "OPEN", "PENDING", "RESOLVED" })
	void aTicketThatIsNotClosedCanBeReassigned(TicketStatus status) {
		Ticket assigned = ticketIn(status).assign("bob", "apac");
		assertThat(assigned.assigneeId()).isEqualTo("bob");
		assertThat(assigned.team()).isEqualTo("apac");
		assertThat(assigned.status()).isEqualTo(status);
	}

	@Test
	void aClosedTicketCannotBeReassigned() {
		assertConflict(ticketIn(TicketStatus.CLOSED), (ticket) -> ticket.assign("bob", "apac"));
	}

	@Test
	void anEventBeforeTheLastOneIsRefusedAs422() {
		Ticket pending = newTicket().reply("alice", true, LATER);
		assertThatThrownBy(() -> pending.resolve(LATER.minusMillis(1))).isInstanceOfSatisfying(
				ProblemException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
		assertThatThrownBy(() -> newTicket().reply("alice", true, CREATED.minusMillis(1)))
			.isInstanceOf(ProblemException.class);
	}

	@Test
	void anEventAtTheSameInstantAsTheLastOneIsAccepted() {
		Ticket resolved = newTicket().reply("alice", true, LATER).resolve(LATER);
		assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
		assertThat(resolved.reopen(LATER).status()).isEqualTo(TicketStatus.OPEN);
	}

	@Test
	void theAssigneeTheirTeamAndManagersMayChangeATicketButNobodyElse() {
		Ticket ticket = newTicket();
		ticket.requireMayBeChangedBy(new Caller("alice", "other", Set.of("SUPPORT")));
		ticket.requireMayBeChangedBy(new Caller("carol", "emea", Set.of("SUPPORT")));
		ticket.requireMayBeChangedBy(new Caller("boss", null, Set.of("MANAGER")));
		assertThatThrownBy(() -> ticket.requireMayBeChangedBy(new Caller("bob", "apac", Set.of("SUPPORT"))))
			.isInstanceOfSatisfying(ProblemException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.FORBIDDEN));
	}

	@Test
	void anUnassignedTicketMayBePickedUpByAnyAgent() {
		Ticket unassigned = newTicket().assign(null, null);
		unassigned.requireMayBeChangedBy(new Caller("bob", "apac", Set.of("SUPPORT")));
		assertThat(unassigned.assign("bob", "apac").assigneeId()).isEqualTo("bob");
	}

	private static void assertConflict(Ticket ticket, UnaryOperator<Ticket> transition) {
		List<TicketEvent> before = ticket.history();
		assertThatThrownBy(() -> transition.apply(ticket)).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT));
		assertThat(ticket.history()).isEqualTo(before);
	}
}
