package dev.pulsecrm.support.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.google.protobuf.Timestamp;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.proto.common.v1.FactsRequest;
import dev.pulsecrm.proto.support.v1.SupportFactsReply;
import dev.pulsecrm.support.SupportData;
import dev.pulsecrm.support.SupportServiceTest;
import dev.pulsecrm.support.survey.HeardFrom;
import dev.pulsecrm.support.survey.RecordSurveyResponse;
import dev.pulsecrm.support.survey.SurveyService;
import dev.pulsecrm.support.survey.SurveyType;
import dev.pulsecrm.support.ticket.AssignTicket;
import dev.pulsecrm.support.ticket.CreateTicket;
import dev.pulsecrm.support.ticket.Priority;
import dev.pulsecrm.support.ticket.ReplyToTicket;
import dev.pulsecrm.support.ticket.Ticket;
import dev.pulsecrm.support.ticket.TicketAction;
import dev.pulsecrm.support.ticket.TicketChange;
import dev.pulsecrm.support.ticket.TicketHistoryStep;
import dev.pulsecrm.support.ticket.TicketService;
import dev.pulsecrm.support.ticket.TicketStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup-based facts against the scan oracle ({@link SupportFactsScan}, the calculator the service used before):
 * a seeded random history written through the real services (imports with histories, replies, resolves, reopens,
 * closes, reassignments that move survey responses, survey responses with and without a ticket), then for hundreds
 * of random periods — whole days, sub-day and millisecond bounds, nanosecond bounds, periods starting before any
 * data or ending after it, empty ones — and every {@code group_by}, the replies must be equal protobufs.
 */
@SupportServiceTest
class SupportFactsRollupsTest {

	static final long SEED = 20251123L;

	static final int PERIODS = 200;

	/** The history spans a year's and two months' ends, so year, month and day rollups are all read. */
	static final Instant START = Instant.parse("2024-12-20T00:00:00Z");

	static final long SPAN_MILLIS = Duration.ofDays(75).toMillis();

	static final String[] CHANNELS = { "email", "PHONE", "Chat", "web" };

	/** Missing, empty, the literal "none" (merges with missing ones) and a value the rollups must escape. */
	static final String[] CATEGORIES = { null, "", "billing", "tech", "none", "a.b$c" };

	static final String[] TEAMS = { null, "alpha", "beta", "gamma.x", "none", "%$" };

	@Autowired
	TicketService tickets;

	@Autowired
	SurveyService surveys;

	@Autowired
	SupportFactsGrpcService facts;

	@Autowired
	Rollups rollups;

	@Autowired
	MongoTemplate mongo;

	final List<String> ticketIds = new ArrayList<>();

	final List<Instant> instants = new ArrayList<>();

	int reopens;

	int reassignedWithResponses;

	@BeforeEach
	void empty() {
		SupportData.clear(this.mongo);
	}

	@Test
	void rollupRepliesEqualTheScanOracleForRandomPeriodsAndEveryGroupBy() {
		Random random = new Random(SEED);
		for (int i = 0; i < 260; i++) {
			int kind = random.nextInt(100);
			if (kind < 25 || this.ticketIds.isEmpty()) {
				createTicket(random);
			}
			else if (kind < 50) {
				respond(random);
			}
			else if (kind < 90) {
				change(random);
			}
			else {
				reassign(random);
			}
		}
		assertThat(this.reopens).as("reopens").isGreaterThan(5);
		assertThat(this.reassignedWithResponses).as("reassignments moving responses").isGreaterThan(3);

		SupportFactsScan oracle = new SupportFactsScan(this.mongo);
		int compared = 0;
		for (int i = 0; i < PERIODS; i++) {
			Instant[] period = period(random, i);
			for (FactsDimension dimension : FactsDimension.values()) {
				SupportFactsReply expected = SupportFactsReply.newBuilder()
					.addAllGroups(oracle.facts(SupportFactsGrpcService.instant(timestamp(period[0])),
							SupportFactsGrpcService.instant(timestamp(period[1])), dimension))
					.build();
				SupportFactsReply actual = call(this.facts, period[0], period[1], dimension.label());
				assertThat(actual).as("[%s, %s) by \"%s\"", period[0], period[1], dimension.label())
					.isEqualTo(expected);
				compared++;
			}
		}
		assertThat(compared).isEqualTo(PERIODS * FactsDimension.values().length);

		// the whole history, so the comparisons above were not all on zeros
		SupportFactsReply all = call(this.facts, START, START.plusMillis(SPAN_MILLIS), "");
		assertThat(all.getGroups(0).getResolution().getCount()).isGreaterThan(10);
		assertThat(all.getGroups(0).getCsatResponses() + all.getGroups(0).getNpsPromoters()).isGreaterThan(10);
		assertThat(all.getGroups(0).getBacklogAtTo()).isGreaterThan(0);
		assertThat(all.getGroups(0).getHeardFromCount()).isGreaterThan(1);
	}

	@Test
	void rollupsBuiltFromTheRecordsEqualTheOnesMaintainedOnWrite() {
		Random random = new Random(SEED + 1);
		for (int i = 0; i < 150; i++) {
			switch (this.ticketIds.isEmpty() ? 0 : random.nextInt(4)) {
				case 0 -> createTicket(random);
				case 1 -> respond(random);
				case 2 -> change(random);
				default -> reassign(random);
			}
		}
		List<Instant[]> periods = new ArrayList<>();
		List<SupportFactsReply> maintained = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Instant[] period = period(random, i);
			periods.add(period);
			for (FactsDimension dimension : FactsDimension.values()) {
				maintained.add(call(this.facts, period[0], period[1], dimension.label()));
			}
		}
		for (String collection : new String[] { "rollup_sums", "rollup_entries", "rollup_ledger" }) {
			this.mongo.remove(new Query(), collection);
		}
		this.rollups.rebuild();
		int i = 0;
		for (Instant[] period : periods) {
			for (FactsDimension dimension : FactsDimension.values()) {
				assertThat(call(this.facts, period[0], period[1], dimension.label())).isEqualTo(maintained.get(i++));
			}
		}
	}

	@Test
	void theFactsAreUnavailableUntilTheRollupsAreBuilt() {
		createTicket(new Random(SEED));
		Rollups notBuilt = new Rollups(this.mongo, List.of(new TicketRollupSource(), new SurveyRollupSource()));
		SupportFactsGrpcService starting = new SupportFactsGrpcService(new SupportFactsQuery(notBuilt));
		assertThat(notBuilt.ready()).isFalse();

		StatusRuntimeException unavailable = error(starting, START, START.plus(Duration.ofDays(30)));
		assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(unavailable.getStatus().getDescription()).isEqualTo("KPI rollups are being built");

		notBuilt.ensureBuilt();
		assertThat(call(starting, START, START.plus(Duration.ofDays(90)), "team"))
			.isEqualTo(call(this.facts, START, START.plus(Duration.ofDays(90)), "team"));
	}

	// ---------------------------------------------------------------- the random history

	private void createTicket(Random random) {
		Instant createdAt = instant(random, START, 0.6);
		Priority priority = Priority.values()[random.nextInt(Priority.values().length)];
		CreateTicket command = new CreateTicket("acme", "help", priority, pick(random, CHANNELS),
				pick(random, CATEGORIES), null, pick(random, TEAMS), null, createdAt);
		List<TicketHistoryStep> history = new ArrayList<>();
		if (random.nextBoolean()) {
			TicketStatus status = TicketStatus.OPEN;
			Instant at = createdAt;
			for (int i = random.nextInt(6); i > 0 && status != TicketStatus.CLOSED; i--) {
				at = later(random, at);
				TicketAction action = legalAction(random, status);
				history.add(new TicketHistoryStep(action, at, "agent", random.nextInt(4) != 0));
				status = switch (action) {
					case REPLY -> Boolean.TRUE.equals(history.get(history.size() - 1).publicReply())
							? TicketStatus.PENDING : status;
					case RESOLVE -> TicketStatus.RESOLVED;
					case REOPEN -> TicketStatus.OPEN;
					case CLOSE -> TicketStatus.CLOSED;
				};
				this.reopens += (action == TicketAction.REOPEN) ? 1 : 0;
				this.instants.add(at);
			}
		}
		this.ticketIds.add(this.tickets.createWithHistory(command, history).ticket().id());
		this.instants.add(createdAt);
	}

	private void respond(Random random) {
		SurveyType type = random.nextBoolean() ? SurveyType.NPS : SurveyType.CSAT;
		int score = type.min() + random.nextInt(type.max() - type.min() + 1);
		String ticketId = random.nextInt(3) == 0 ? null : pick(random, this.ticketIds.toArray(String[]::new));
		HeardFrom heardFrom = random.nextBoolean() ? null : pick(random, HeardFrom.values());
		Instant at = instant(random, START, 1.0);
		this.surveys.record(new RecordSurveyResponse(type, "acme", score, ticketId, null, heardFrom, at, null));
		this.instants.add(at);
	}

	/** A legal transition of a random ticket, at or after its last event (sometimes at the same millisecond). */
	private void change(Random random) {
		Ticket ticket = this.tickets.get(pick(random, this.ticketIds.toArray(String[]::new)));
		if (ticket.status() == TicketStatus.CLOSED) {
			return;
		}
		Instant at = later(random, ticket.lastEventAt());
		if (at.isAfter(START.plusMillis(SPAN_MILLIS))) {
			return;
		}
		TicketAction action = legalAction(random, ticket.status());
		switch (action) {
			case REPLY -> this.tickets.reply(ticket.id(), new ReplyToTicket("agent", random.nextInt(4) != 0, at));
			case RESOLVE -> this.tickets.resolve(ticket.id(), new TicketChange(at));
			case REOPEN -> this.tickets.reopen(ticket.id(), new TicketChange(at));
			case CLOSE -> this.tickets.close(ticket.id(), new TicketChange(at));
		}
		this.reopens += (action == TicketAction.REOPEN) ? 1 : 0;
		this.instants.add(at);
	}

	private void reassign(Random random) {
		Ticket ticket = this.tickets.get(pick(random, this.ticketIds.toArray(String[]::new)));
		if (ticket.status() == TicketStatus.CLOSED) {
			return;
		}
		this.tickets.assign(ticket.id(), new AssignTicket(null, pick(random, TEAMS)));
		if (this.mongo.exists(Query.query(Criteria.where("ticketId").is(ticket.id())), "survey_responses")) {
			this.reassignedWithResponses++;
		}
	}

	private static TicketAction legalAction(Random random, TicketStatus status) {
		return switch (status) {
			case OPEN, PENDING -> random.nextInt(3) == 0 ? TicketAction.RESOLVE : TicketAction.REPLY;
			case RESOLVED -> random.nextBoolean() ? TicketAction.REOPEN : TicketAction.CLOSE;
			case CLOSED -> throw new IllegalStateException("closed");
		};
	}

	/** The same instant, a millisecond or two later, or minutes to days later. */
	private static Instant later(Random random, Instant after) {
		return switch (random.nextInt(5)) {
			case 0 -> after;
			case 1 -> after.plusMillis(1 + random.nextInt(2));
			default -> after.plusMillis(1 + (long) (random.nextDouble() * random.nextDouble() * 10 * 86_400_000L));
		};
	}

	/** A random millisecond in the first {@code share} of the span; one in four exactly at a day's start. */
	private static Instant instant(Random random, Instant start, double share) {
		Instant at = start.plusMillis((long) (random.nextDouble() * SPAN_MILLIS * share));
		return random.nextInt(4) == 0 ? at.truncatedTo(ChronoUnit.DAYS) : at;
	}

	/** A period of one of the kinds the class comment lists, chosen by {@code i}. */
	private Instant[] period(Random random, int i) {
		Instant a;
		Instant b;
		switch (i % 8) {
			case 0 -> { // whole days, also beyond the data on either side
				a = START.minus(Duration.ofDays(5)).plus(Duration.ofDays(random.nextInt(85)));
				b = a.plus(Duration.ofDays(random.nextInt(40)));
			}
			case 1 -> { // sub-day bounds
				a = instant(random, START, 1.0);
				b = a.plusMillis((long) (random.nextDouble() * 86_400_000L * (1 + random.nextInt(20))));
			}
			case 2 -> { // on, or a millisecond either side of, instants where something happened
				a = nudge(random, pick(random, this.instants.toArray(Instant[]::new)));
				b = nudge(random, pick(random, this.instants.toArray(Instant[]::new)));
			}
			case 3 -> { // starting before any data
				a = Instant.parse("1999-07-14T10:00:00.123Z").plus(Duration.ofDays(random.nextInt(8000)));
				b = instant(random, START, 1.0);
			}
			case 4 -> { // empty
				a = nudge(random, pick(random, this.instants.toArray(Instant[]::new)));
				b = a;
			}
			case 5 -> { // nanosecond bounds (served at millisecond precision, as the records are stored)
				a = instant(random, START, 1.0).plusNanos(random.nextInt(1_000_000));
				b = a.plusMillis((long) (random.nextDouble() * SPAN_MILLIS / 3)).plusNanos(random.nextInt(1_000_000));
			}
			case 6 -> { // whole months and years, ending after the data
				a = Instant.parse(random.nextBoolean() ? "2024-01-01T00:00:00Z" : "2025-01-01T00:00:00Z");
				b = Instant.parse(random.nextBoolean() ? "2025-02-01T00:00:00Z" : "2026-01-01T00:00:00Z");
			}
			default -> { // anywhere, including shortly after the data
				a = instant(random, START, 1.1);
				b = instant(random, START, 1.2);
			}
		}
		return a.isAfter(b) ? new Instant[] { b, a } : new Instant[] { a, b };
	}

	private static Instant nudge(Random random, Instant at) {
		return at.plusMillis(random.nextInt(3) - 1);
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	// ---------------------------------------------------------------- calls

	private static SupportFactsReply call(SupportFactsGrpcService service, Instant from, Instant to, String groupBy) {
		List<SupportFactsReply> replies = new ArrayList<>();
		List<Throwable> errors = new ArrayList<>();
		service.getFacts(request(from, to, groupBy), observer(replies, errors));
		assertThat(errors).isEmpty();
		assertThat(replies).hasSize(1);
		return replies.get(0);
	}

	private static StatusRuntimeException error(SupportFactsGrpcService service, Instant from, Instant to) {
		List<SupportFactsReply> replies = new ArrayList<>();
		List<Throwable> errors = new ArrayList<>();
		service.getFacts(request(from, to, ""), observer(replies, errors));
		assertThat(replies).isEmpty();
		assertThat(errors).singleElement().isInstanceOf(StatusRuntimeException.class);
		return (StatusRuntimeException) errors.get(0);
	}

	private static FactsRequest request(Instant from, Instant to, String groupBy) {
		return FactsRequest.newBuilder().setFrom(timestamp(from)).setTo(timestamp(to)).setGroupBy(groupBy).build();
	}

	private static StreamObserver<SupportFactsReply> observer(List<SupportFactsReply> replies, List<Throwable> errors) {
		return new StreamObserver<>() {
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
		};
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
	}
}
