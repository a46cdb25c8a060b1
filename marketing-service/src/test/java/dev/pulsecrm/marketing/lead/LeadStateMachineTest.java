package dev.pulsecrm.marketing.lead;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadStateMachineTest {

	static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");

	static final Instant LATER = Instant.parse("2026-01-06T09:00:00Z");

	/** A lead that reached {@code status} the legal way, one hour per step. */
	static Lead leadIn(LeadStatus status) {
		Lead lead = Lead.create(null, "Ada", "ada@example.com", "Acme", 50, "SaaS", "EU", "SMB", "CTO",
				Channel.EMAIL, null, null, CREATED);
		return switch (status) {
			case NEW -> lead;
			case CONTACTED -> lead.contact("ana", CREATED.plusSeconds(3600));
			case QUALIFIED -> leadIn(LeadStatus.CONTACTED).qualify(CREATED.plusSeconds(7200));
			case DISQUALIFIED -> leadIn(LeadStatus.NEW).disqualify("no budget", CREATED.plusSeconds(3600));
			case CONVERTED -> leadIn(LeadStatus.QUALIFIED).convert("acc-1", "deal-1", CREATED.plusSeconds(10800));
		};
	}

	@Test
	void firstContactMakesANewLeadContactedAndRecordsTheResponseTime() {
		Lead contacted = leadIn(LeadStatus.NEW).contact("ana", CREATED.plusSeconds(5400));

		assertThat(contacted.status()).isEqualTo(LeadStatus.CONTACTED);
		assertThat(contacted.ownerId()).isEqualTo("ana");
		assertThat(contacted.firstContactAt()).isEqualTo(CREATED.plusSeconds(5400));
		assertThat(contacted.firstContactMillis()).isEqualTo(5_400_000L);
	}

	@Test
	void contactingAgainKeepsTheFirstContactAndTheStatus() {
		Lead again = leadIn(LeadStatus.CONTACTED).contact("bo", LATER);

		assertThat(again.status()).isEqualTo(LeadStatus.CONTACTED);
		assertThat(again.firstContactAt()).isEqualTo(CREATED.plusSeconds(3600));
		assertThat(again.firstContactMillis()).isEqualTo(3_600_000L);
		assertThat(again.lastContactAt()).isEqualTo(LATER);
		assertThat(again.ownerId()).isEqualTo("bo");
	}

	@Test
	void aQualifiedLeadMayBeContactedAgainAndStaysQualified() {
		Lead again = leadIn(LeadStatus.QUALIFIED).contact("ana", LATER);

		assertThat(again.status()).isEqualTo(LeadStatus.QUALIFIED);
		assertThat(again.firstContactAt()).isEqualTo(CREATED.plusSeconds(3600));
	}

	@Test
	void qualifyingAContactedLeadMakesItQualified() {
		Lead qualified = leadIn(LeadStatus.CONTACTED).qualify(LATER);

		assertThat(qualified.status()).isEqualTo(LeadStatus.QUALIFIED);
		assertThat(qualified.qualifiedAt()).isEqualTo(LATER);
	}

	@ParameterizedTest
	@EnumSource(value = LeadStatus.class, names = { "NEW", "CONTACTED", "QUALIFIED" })
	void disqualifyingAnOpenLeadRecordsTheReason(LeadStatus from) {
		Lead disqualified = leadIn(from).disqualify("went with a competitor", LATER);

		assertThat(disqualified.status()).isEqualTo(LeadStatus.DISQUALIFIED);
		assertThat(disqualified.disqualifiedAt()).isEqualTo(LATER);
		assertThat(disqualified.disqualificationReason()).isEqualTo("went with a competitor");
	}

	@Test
	void convertingAQualifiedLeadRemembersTheAccountAndDeal() {
		Lead converted = leadIn(LeadStatus.QUALIFIED).convert("acc-9", "deal-9", LATER);

		assertThat(converted.status()).isEqualTo(LeadStatus.CONVERTED);
		assertThat(converted.convertedAt()).isEqualTo(LATER);
		assertThat(converted.accountId()).isEqualTo("acc-9");
		assertThat(converted.dealId()).isEqualTo("deal-9");
	}

	@ParameterizedTest
	@EnumSource(value = LeadStatus.class, names = { "DISQUALIFIED", "CONVERTED" })
	void aClosedLeadCannotBeContacted(LeadStatus from) {
		assertConflict(from, (lead, at) -> lead.contact("ana", at));
	}

	@ParameterizedTest
	@EnumSource(value = LeadStatus.class, names = { "NEW", "QUALIFIED", "DISQUALIFIED", "CONVERTED" })
	void onlyAContactedLeadCanBeQualified(LeadStatus from) {
		assertConflict(from, (lead, at) -> lead.qualify(at));
	}

	@ParameterizedTest
	@EnumSource(value = LeadStatus.class, names = { "DISQUALIFIED", "CONVERTED" })
	void aClosedLeadCannotBeDisqualified(LeadStatus from) {
		assertConflict(from, (lead, at) -> lead.disqualify("late", at));
	}

	@ParameterizedTest
	@EnumSource(value = LeadStatus.class, names = { "NEW", "CONTACTED", "DISQUALIFIED", "CONVERTED" })
	void onlyAQualifiedLeadCanBeConverted(LeadStatus from) {
		assertConflict(from, (lead, at) -> lead.convert("acc", "deal", at));
	}

	@Test
	void everyStatusPairIsEitherALegalMoveOrAConflict() {
		// the legal moves, as the javadoc of LeadStatus states them; everything else was asserted above as 409
		Set<LeadStatus> contactable = EnumSet.of(LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.QUALIFIED);
		for (LeadStatus status : LeadStatus.values()) {
			Lead lead = leadIn(status);
			assertThat(succeeds(() -> lead.contact("ana", LATER))).isEqualTo(contactable.contains(status));
			assertThat(succeeds(() -> lead.qualify(LATER))).isEqualTo(status == LeadStatus.CONTACTED);
			assertThat(succeeds(() -> lead.disqualify("r", LATER))).isEqualTo(contactable.contains(status));
			assertThat(succeeds(() -> lead.convert("a", "d", LATER))).isEqualTo(status == LeadStatus.QUALIFIED);
		}
	}

	@Test
	void aMoveDatedBeforeTheLastChangeIsInvalid() {
		Lead contacted = leadIn(LeadStatus.CONTACTED);

		assertThatThrownBy(() -> contacted.qualify(CREATED.plusSeconds(60))).isInstanceOfSatisfying(
				ProblemException.class, (ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
		assertThatThrownBy(() -> leadIn(LeadStatus.NEW).contact("ana", CREATED.minusSeconds(1)))
			.isInstanceOfSatisfying(ProblemException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
	}

	@Test
	void aMoveAtTheSameInstantAsTheLastChangeIsAllowed() {
		Lead contacted = leadIn(LeadStatus.NEW).contact("ana", CREATED);

		assertThat(contacted.firstContactMillis()).isZero();
		assertThat(contacted.qualify(CREATED).status()).isEqualTo(LeadStatus.QUALIFIED);
	}

	private static void assertConflict(LeadStatus from, BiFunction<Lead, Instant, Lead> move) {
		Lead lead = leadIn(from);
		assertThatThrownBy(() -> move.apply(lead, LATER)).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT));
	}

	private static boolean succeeds(Runnable move) {
		try {
			move.run();
			return true;
		}
		catch (ProblemException ex) {
			assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT);
			return false;
		}
	}
}
