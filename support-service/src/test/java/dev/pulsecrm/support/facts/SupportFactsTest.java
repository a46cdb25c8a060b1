package dev.pulsecrm.support.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.proto.common.v1.DurationStats;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.support.v1.SupportFactsGrpc;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import dev.pulsecrm.proto.support.v1.SupportGroupFacts;
import dev.pulsecrm.support.SupportData;
import dev.pulsecrm.support.SupportServiceTest;
import dev.pulsecrm.support.survey.HeardFrom;
import dev.pulsecrm.support.survey.RecordSurveyResponse;
import dev.pulsecrm.support.survey.SurveyService;
import dev.pulsecrm.support.survey.SurveyType;
import dev.pulsecrm.support.ticket.AssignTicket;
import dev.pulsecrm.support.ticket.CreateTicket;
import dev.pulsecrm.support.ticket.Priority;
import dev.pulsecrm.support.ticket.TicketAction;
import dev.pulsecrm.support.ticket.TicketHistoryStep;
import dev.pulsecrm.support.ticket.TicketService;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code SupportFacts.GetFacts} on hand-computed data, on the embedded MongoDB. The period is one week,
 * [F, T) = [2025-03-01, 2025-03-08); records sit exactly on both edges to show that {@code from} counts and
 * {@code to} does not. Default SLA policy (URGENT 1h/4h, HIGH 4h/24h, NORMAL 8h/72h, LOW 24h/168h).
 */
@SupportServiceTest
class SupportFactsTest {

	static final Instant F = Instant.parse("2025-03-01T00:00:00Z");

	static final Instant T = Instant.parse("2025-03-08T00:00:00Z");

	static final long HOUR = 3_600_000L;

	@Autowired
	TicketService tickets;

	@Autowired
	SurveyService surveys;

	@Autowired
	SupportFactsGrpcService facts;

	@Autowired
	MongoTemplate mongo;

	String ticketA;

	String ticketB;

	String ticketC;

	String ticketI;

	@BeforeEach
	void weekOfTickets() {
		SupportData.clear(this.mongo);
		// A: created exactly at F; answered after 30 min; resolved exactly at its 4 h deadline (within SLA)
		this.ticketA = ticket("URGENT", "EMAIL", "billing", "alpha", F, reply(F.plus(min(30))),
				step(TicketAction.RESOLVE, F.plus(hours(4))));
		// B: created 1 ms before F (not opened in period); answered exactly at F (1 ms); resolved after 25 h + 1 ms,
		// 1 h after its 24 h deadline
		this.ticketB = ticket("HIGH", "PHONE", "billing", "beta", F.minusMillis(1), reply(F),
				step(TicketAction.RESOLVE, F.plus(hours(25))));
		// C: an internal note only, its first public answer exactly at T (not in period); open at T
		this.ticketC = ticket("NORMAL", "CHAT", null, "alpha", F.plus(Duration.ofDays(1)),
				new TicketHistoryStep(TicketAction.REPLY, F.plus(Duration.ofDays(1)).plus(hours(1)), "al", false),
				reply(T));
		// D: created exactly at T: neither opened in period nor in the backlog at T
		ticket("LOW", "EMAIL", "tech", null, T);
		// E: first resolved long before F; reopened and resolved again inside the period: resolved at T
		ticket("NORMAL", "WEB", "tech", "beta", F.minus(Duration.ofDays(10)),
				reply(F.minus(Duration.ofDays(10)).plus(hours(1))),
				step(TicketAction.RESOLVE, F.minus(Duration.ofDays(9))),
				step(TicketAction.REOPEN, F.plus(Duration.ofDays(2))),
				step(TicketAction.RESOLVE, F.plus(Duration.ofDays(3))));
		// G: resolved the day before F, reopened inside the period: open at T
		ticket("HIGH", "EMAIL", "billing", "alpha", F.minus(Duration.ofDays(2)),
				reply(F.minus(Duration.ofDays(2)).plus(hours(1))),
				step(TicketAction.RESOLVE, F.minus(Duration.ofDays(1))), step(TicketAction.REOPEN, F.plus(hours(1))));
		// H: resolved exactly at T: not resolved before T, so in the backlog and not first resolved in period
		ticket("URGENT", "PHONE", "billing", "beta", F.plus(hours(1)), step(TicketAction.RESOLVE, T));
		// I: answered after 1 h, resolved after 3 h, closed: resolved at T
		this.ticketI = ticket("NORMAL", "EMAIL", "tech", "alpha", F.plus(hours(2)), reply(F.plus(hours(3))),
				step(TicketAction.RESOLVE, F.plus(hours(5))), step(TicketAction.CLOSE, F.plus(hours(6))));
		// J: created before the period and never touched: open at T
		ticket("NORMAL", "EMAIL", null, "alpha", F.minus(Duration.ofDays(5)));

		survey(SurveyType.NPS, 10, F, this.ticketA, HeardFrom.SEMINAR); // promoter, at F: counts
		survey(SurveyType.NPS, 9, F.plus(Duration.ofDays(1)), null, HeardFrom.TRADE_SHOW); // promoter, no ticket
		survey(SurveyType.NPS, 8, F.plus(Duration.ofDays(2)), this.ticketB, null); // passive
		survey(SurveyType.NPS, 6, T.minusMillis(1), this.ticketI, HeardFrom.SEMINAR); // detractor, last ms
		survey(SurveyType.NPS, 0, T, null, HeardFrom.REFERRAL); // at T: not in period
		survey(SurveyType.NPS, 7, F.minusMillis(1), null, null); // before F: not in period
		survey(SurveyType.CSAT, 5, F.plus(hours(1)), this.ticketA, null); // satisfied
		survey(SurveyType.CSAT, 4, F.plus(hours(2)), null, HeardFrom.SEMINAR); // satisfied, no ticket
		survey(SurveyType.CSAT, 3, F.plus(hours(3)), this.ticketC, null); // not satisfied
		survey(SurveyType.CSAT, 1, T, null, null); // at T: not in period
	}

	@Test
	void totalsCountEveryFactWithFromInclusiveAndToExclusive() {
		List<SupportGroupFacts> groups = getFacts(F, T, "");
		assertThat(groups).hasSize(1);
		SupportGroupFacts totals = groups.get(0);
		assertThat(totals.getGroupMap()).isEmpty();
		// NPS: 10 and 9 promoters, 8 passive, 6 detractor (0 at T and 7 before F excluded)
		assertThat(totals.getNpsPromoters()).isEqualTo(2);
		assertThat(totals.getNpsPassives()).isEqualTo(1);
		assertThat(totals.getNpsDetractors()).isEqualTo(1);
		// CSAT: 5, 4, 3 in period (1 at T excluded); 5 and 4 satisfied
		assertThat(totals.getCsatResponses()).isEqualTo(3);
		assertThat(totals.getCsatSatisfied()).isEqualTo(2);
		// first answered in period: A 30 min, B 1 ms, I 1 h (C's answer at T excluded)
		assertThat(totals.getFirstResponse()).isEqualTo(stats(30 * 60_000L + 1 + HOUR, 3));
		// first resolved in period: A 4 h, B 25 h + 1 ms, I 3 h (E first resolved before F, H at T)
		assertThat(totals.getResolution()).isEqualTo(stats(4 * HOUR + 25 * HOUR + 1 + 3 * HOUR, 3));
		// A exactly at its deadline and I in time; B an hour late
		assertThat(totals.getResolvedWithinSla()).isEqualTo(2);
		// opened: A (at F), C, H, I; not B (1 ms before F) nor D (at T)
		assertThat(totals.getTicketsOpened()).isEqualTo(4);
		// created before T: A B C E G H I J (8); resolved at T: A B E I → open: C G H J
		assertThat(totals.getBacklogAtTo()).isEqualTo(4);
		// SEMINAR ×3, TRADE_SHOW ×1; REFERRAL at T excluded
		assertThat(totals.getHeardFromMap()).containsExactlyInAnyOrderEntriesOf(
				Map.of("SEMINAR", 3L, "TRADE_SHOW", 1L));
	}

	@Test
	void groupedByTeamSurveyFactsFollowTheLinkedTicketAndUnlinkedOnesFallInNone() {
		Map<String, SupportGroupFacts> byTeam = byValue(getFacts(F, T, "team"), "team");
		assertThat(byTeam).containsOnlyKeys("alpha", "beta", "none");

		SupportGroupFacts alpha = byTeam.get("alpha"); // tickets A C G I J; surveys on A, A, C, I
		assertThat(alpha.getTicketsOpened()).isEqualTo(3);
		assertThat(alpha.getFirstResponse()).isEqualTo(stats(30 * 60_000L + HOUR, 2));
		assertThat(alpha.getResolution()).isEqualTo(stats(4 * HOUR + 3 * HOUR, 2));
		assertThat(alpha.getResolvedWithinSla()).isEqualTo(2);
		assertThat(alpha.getBacklogAtTo()).isEqualTo(3); // C G J
		assertThat(alpha.getNpsPromoters()).isEqualTo(1);
		assertThat(alpha.getNpsPassives()).isZero();
		assertThat(alpha.getNpsDetractors()).isEqualTo(1);
		assertThat(alpha.getCsatResponses()).isEqualTo(2);
		assertThat(alpha.getCsatSatisfied()).isEqualTo(1);
		assertThat(alpha.getHeardFromMap()).containsExactlyInAnyOrderEntriesOf(Map.of("SEMINAR", 2L));

		SupportGroupFacts beta = byTeam.get("beta"); // tickets B E H; survey on B
		assertThat(beta.getTicketsOpened()).isEqualTo(1);
		assertThat(beta.getFirstResponse()).isEqualTo(stats(1, 1));
		assertThat(beta.getResolution()).isEqualTo(stats(25 * HOUR + 1, 1));
		assertThat(beta.getResolvedWithinSla()).isZero();
		assertThat(beta.getBacklogAtTo()).isEqualTo(1); // H
		assertThat(beta.getNpsPassives()).isEqualTo(1);
		assertThat(beta.getHeardFromMap()).isEmpty();

		SupportGroupFacts none = byTeam.get("none"); // ticket D (at T: nothing); the two unlinked responses
		assertThat(none.getTicketsOpened()).isZero();
		assertThat(none.getBacklogAtTo()).isZero();
		assertThat(none.getNpsPromoters()).isEqualTo(1);
		assertThat(none.getCsatResponses()).isEqualTo(1);
		assertThat(none.getCsatSatisfied()).isEqualTo(1);
		assertThat(none.getHeardFromMap()).containsExactlyInAnyOrderEntriesOf(
				Map.of("SEMINAR", 1L, "TRADE_SHOW", 1L));
	}

	@Test
	void groupedByPriorityEveryPriorityWithDataHasAGroup() {
		Map<String, SupportGroupFacts> byPriority = byValue(getFacts(F, T, "priority"), "priority");
		// LOW has only D, created at T: no fact at all, so no group
		assertThat(byPriority).containsOnlyKeys("URGENT", "HIGH", "NORMAL", "none");
		SupportGroupFacts urgent = byPriority.get("URGENT"); // A and H
		assertThat(urgent.getTicketsOpened()).isEqualTo(2);
		assertThat(urgent.getFirstResponse()).isEqualTo(stats(30 * 60_000L, 1));
		assertThat(urgent.getResolution()).isEqualTo(stats(4 * HOUR, 1));
		assertThat(urgent.getResolvedWithinSla()).isEqualTo(1);
		assertThat(urgent.getBacklogAtTo()).isEqualTo(1);
		assertThat(urgent.getNpsPromoters()).isEqualTo(1);
		assertThat(urgent.getCsatSatisfied()).isEqualTo(1);
		SupportGroupFacts high = byPriority.get("HIGH"); // B and G
		assertThat(high.getTicketsOpened()).isZero();
		assertThat(high.getResolution()).isEqualTo(stats(25 * HOUR + 1, 1));
		assertThat(high.getBacklogAtTo()).isEqualTo(1);
		SupportGroupFacts normal = byPriority.get("NORMAL"); // C E I J
		assertThat(normal.getTicketsOpened()).isEqualTo(2);
		assertThat(normal.getBacklogAtTo()).isEqualTo(2);
		assertThat(normal.getNpsDetractors()).isEqualTo(1);
		assertThat(normal.getCsatResponses()).isEqualTo(1);
	}

	@Test
	void groupedByChannelAndCategoryTicketsWithoutACategoryFallInNone() {
		Map<String, SupportGroupFacts> byChannel = byValue(getFacts(F, T, "channel"), "channel");
		assertThat(byChannel).containsOnlyKeys("EMAIL", "PHONE", "CHAT", "WEB", "none");
		assertThat(byChannel.get("EMAIL").getBacklogAtTo()).isEqualTo(2); // G J
		assertThat(byChannel.get("PHONE").getBacklogAtTo()).isEqualTo(1); // H
		assertThat(byChannel.get("CHAT").getTicketsOpened()).isEqualTo(1); // C

		Map<String, SupportGroupFacts> byCategory = byValue(getFacts(F, T, "category"), "category");
		assertThat(byCategory).containsOnlyKeys("billing", "tech", "none");
		SupportGroupFacts none = byCategory.get("none"); // tickets C J, survey on C, two unlinked surveys
		assertThat(none.getTicketsOpened()).isEqualTo(1);
		assertThat(none.getBacklogAtTo()).isEqualTo(2);
		assertThat(none.getNpsPromoters()).isEqualTo(1);
		assertThat(none.getCsatResponses()).isEqualTo(2);
		assertThat(none.getCsatSatisfied()).isEqualTo(1);
		assertThat(none.getHeardFromMap()).containsExactlyInAnyOrderEntriesOf(
				Map.of("SEMINAR", 1L, "TRADE_SHOW", 1L));
		assertThat(byCategory.get("billing").getResolvedWithinSla()).isEqualTo(1); // A (B late)
	}

	@Test
	void reassigningATicketMovesItsSurveyResponsesToTheNewTeam() {
		this.tickets.assign(this.ticketA, new AssignTicket("bob", "beta"));
		Map<String, SupportGroupFacts> byTeam = byValue(getFacts(F, T, "team"), "team");
		assertThat(byTeam.get("alpha").getNpsPromoters()).isZero();
		assertThat(byTeam.get("alpha").getCsatResponses()).isEqualTo(1);
		assertThat(byTeam.get("beta").getNpsPromoters()).isEqualTo(1);
		assertThat(byTeam.get("beta").getCsatSatisfied()).isEqualTo(1);
		assertThat(byTeam.get("beta").getResolution()).isEqualTo(stats(25 * HOUR + 1 + 4 * HOUR, 2));
	}

	@Test
	void theBacklogAtToIsReadFromTheHistoryNotFromTheCurrentStatus() {
		// at F + 90 min: created before it are A B E G H J; resolved then: B? no (F+25h); A? no (F+4h);
		// E (resolved F−9d, reopened F+2d: still resolved at F+90min); G reopened at F+1h: open → A B G H J
		assertThat(getFacts(F, F.plus(min(90)), "").get(0).getBacklogAtTo()).isEqualTo(5);
		// 1 ms after T: H (resolved at T) has left the backlog and D (created at T) has joined it: C D G J
		assertThat(getFacts(F, T.plusMillis(1), "").get(0).getBacklogAtTo()).isEqualTo(4);
	}

	@Test
	void anEmptyPeriodStillAnswersOneGroupOfZeros() {
		List<SupportGroupFacts> groups = getFacts(F.minus(Duration.ofDays(400)), F.minus(Duration.ofDays(399)), "");
		assertThat(groups).singleElement().satisfies((totals) -> {
			assertThat(totals.getTicketsOpened()).isZero();
			assertThat(totals.getBacklogAtTo()).isZero();
			assertThat(totals.getFirstResponse()).isEqualTo(stats(0, 0));
			assertThat(totals.getHeardFromMap()).isEmpty();
		});
	}

	@Test
	void anUnknownGroupByIsAnInvalidArgument() {
		assertThatThrownBy(() -> getFacts(F, T, "owner")).isInstanceOfSatisfying(StatusRuntimeException.class,
				(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
	}

	@Test
	void aMissingPeriodIsAnInvalidArgument() {
		FactsRequest noTo = FactsRequest.newBuilder().setFrom(timestamp(F)).build();
		assertThatThrownBy(() -> call(noTo)).isInstanceOfSatisfying(StatusRuntimeException.class,
				(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
	}

	@Test
	void theFactsAreServedOverInProcessGrpc() {
		ManagedChannel channel = InProcessChannelBuilder.forName(SupportServiceTest.GRPC_NAME).build();
		try {
			SupportFactsReply reply = SupportFactsGrpc.newBlockingStub(channel)
				.getFacts(FactsRequest.newBuilder().setFrom(timestamp(F)).setTo(timestamp(T)).build());
			assertThat(reply.getGroups(0).getTicketsOpened()).isEqualTo(4);
			assertThatThrownBy(() -> SupportFactsGrpc.newBlockingStub(channel)
				.getFacts(FactsRequest.newBuilder().setFrom(timestamp(F)).setTo(timestamp(T)).setGroupBy("x").build()))
				.isInstanceOfSatisfying(StatusRuntimeException.class,
						(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
		}
		finally {
			channel.shutdownNow();
		}
	}

	private List<SupportGroupFacts> getFacts(Instant from, Instant to, String groupBy) {
		return call(FactsRequest.newBuilder().setFrom(timestamp(from)).setTo(timestamp(to)).setGroupBy(groupBy).build())
			.getGroupsList();
	}

	/** Calls the service bean directly, collecting its single reply or its error. */
	private SupportFactsReply call(FactsRequest request) {
		List<SupportFactsReply> replies = new ArrayList<>();
		List<Throwable> errors = new ArrayList<>();
		this.facts.getFacts(request, new StreamObserver<>() {
			@Override
			public void onNext(SupportFactsReply value) {
				replies.add(value);
			}

			@Override
			public void onError(Throwable t) {
				errors.add(t);
			}

			@Override
			public void onCompleted() {
			}
		});
		if (!errors.isEmpty()) {
			throw (StatusRuntimeException) errors.get(0);
		}
		assertThat(replies).hasSize(1);
		return replies.get(0);
	}

	private static Map<String, SupportGroupFacts> byValue(List<SupportGroupFacts> groups, String dimension) {
		Map<String, SupportGroupFacts> byValue = new java.util.TreeMap<>();
		groups.forEach((group) -> byValue.put(group.getGroupOrThrow(dimension), group));
		assertThat(byValue).hasSameSizeAs(groups);
		return byValue;
	}

	private String ticket(String priority, String channel, String category, String team, Instant createdAt,
			TicketHistoryStep... history) {
		return this.tickets.createWithHistory(new CreateTicket("acme", "help", Priority.valueOf(priority), channel,
				category, null, team, null, createdAt), List.of(history)).ticket().id();
	}

	private void survey(SurveyType type, int score, Instant at, String ticketId, HeardFrom heardFrom) {
		this.surveys.record(new RecordSurveyResponse(type, "acme", score, ticketId, null, heardFrom, at, null));
	}

	private static TicketHistoryStep reply(Instant at) {
		return new TicketHistoryStep(TicketAction.REPLY, at, "agent", true);
	}

	private static TicketHistoryStep step(TicketAction action, Instant at) {
		return new TicketHistoryStep(action, at, null, null);
	}

	private static Duration hours(long hours) {
		return Duration.ofHours(hours);
	}

	private static Duration min(long minutes) {
		return Duration.ofMinutes(minutes);
	}

	private static DurationStats stats(long totalMillis, long count) {
		return DurationStats.newBuilder().setTotalMillis(totalMillis).setCount(count).build();
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}
}
