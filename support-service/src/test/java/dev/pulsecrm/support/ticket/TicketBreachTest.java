package dev.pulsecrm.support.ticket;

import java.time.Instant;

import dev.pulsecrm.support.sla.SlaDeadlines;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Breach detection: a deadline passed without its event, or the event came after it. URGENT: 1 h / 4 h. */
class TicketBreachTest {

	static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

	static final Instant FIRST_RESPONSE_DUE = Instant.parse("2026-03-02T10:00:00Z");

	static final Instant RESOLUTION_DUE = Instant.parse("2026-03-02T13:00:00Z");

	static Ticket urgent() {
		return Ticket.open(null, "acme", "site down", Priority.URGENT, "PHONE", null, null, null, CREATED,
				new SlaDeadlines(FIRST_RESPONSE_DUE, RESOLUTION_DUE));
	}

	@Test
	void anUnansweredTicketIsNotBreachedUntilItsFirstResponseDeadlineHasPassed() {
		assertThat(urgent().breachedAt(FIRST_RESPONSE_DUE)).isFalse();
		assertThat(urgent().breachedAt(FIRST_RESPONSE_DUE.plusMillis(1))).isTrue();
	}

	@Test
	void aFirstResponseExactlyAtTheDeadlineIsInTime() {
		Ticket answered = urgent().reply("alice", true, FIRST_RESPONSE_DUE);
		assertThat(answered.breachedAt(FIRST_RESPONSE_DUE.plusSeconds(60))).isFalse();
	}

	@Test
	void aLateFirstResponseStaysABreachAfterResolution() {
		Ticket late = urgent().reply("alice", true, FIRST_RESPONSE_DUE.plusMillis(1))
			.resolve(FIRST_RESPONSE_DUE.plusSeconds(60));
		assertThat(late.breachedAt(FIRST_RESPONSE_DUE.plusSeconds(120))).isTrue();
		assertThat(late.resolvedWithinSla()).isTrue();
	}

	@Test
	void anAnsweredButUnresolvedTicketBreachesWhenItsResolutionDeadlinePasses() {
		Ticket answered = urgent().reply("alice", true, CREATED.plusSeconds(60));
		assertThat(answered.breachedAt(RESOLUTION_DUE)).isFalse();
		assertThat(answered.breachedAt(RESOLUTION_DUE.plusMillis(1))).isTrue();
	}

	@Test
	void aResolutionExactlyAtTheDeadlineIsWithinSlaAndOneMillisecondLaterIsNot() {
		Ticket onTime = urgent().reply("alice", true, CREATED).resolve(RESOLUTION_DUE);
		assertThat(onTime.resolvedWithinSla()).isTrue();
		assertThat(onTime.breachedAt(RESOLUTION_DUE.plusSeconds(3600))).isFalse();

		Ticket late = urgent().reply("alice", true, CREATED).resolve(RESOLUTION_DUE.plusMillis(1));
		assertThat(late.resolvedWithinSla()).isFalse();
		assertThat(late.breachedAt(RESOLUTION_DUE.plusSeconds(3600))).isTrue();
	}

	@Test
	void resolvingWithoutAPublicReplyAfterTheFirstResponseDeadlineIsAFirstResponseBreach() {
		Ticket quiet = urgent().resolve(FIRST_RESPONSE_DUE.plusSeconds(60));
		assertThat(quiet.firstResponseLate()).isTrue();
		assertThat(quiet.breachedAt(RESOLUTION_DUE.plusSeconds(60))).isTrue();

		Ticket quick = urgent().resolve(FIRST_RESPONSE_DUE);
		assertThat(quick.breachedAt(RESOLUTION_DUE.plusSeconds(60))).isFalse();
	}

	@Test
	void aReopenedTicketKeepsTheVerdictOfItsFirstResolution() {
		Ticket reopened = urgent().reply("alice", true, CREATED)
			.resolve(RESOLUTION_DUE.minusSeconds(60))
			.reopen(RESOLUTION_DUE.plusSeconds(60));
		assertThat(reopened.breachedAt(RESOLUTION_DUE.plusSeconds(3600))).isFalse();
		assertThat(reopened.nextDueAt()).isEqualTo(RESOLUTION_DUE);
	}
}
