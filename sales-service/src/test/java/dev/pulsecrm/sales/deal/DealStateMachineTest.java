package dev.pulsecrm.sales.deal;

import java.math.BigDecimal;
import java.time.Instant;

import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.sales.deal.Deal.DealStatus;
import dev.pulsecrm.sales.deal.Deal.DealType;
import dev.pulsecrm.sales.deal.Deal.NewDeal;
import dev.pulsecrm.sales.pipeline.Pipeline;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deal's transitions, legal and illegal, without Spring or MongoDB. */
class DealStateMachineTest {

	private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

	private static final Instant LEAD = Instant.parse("2024-12-01T00:00:00Z");

	private static Deal newDeal() {
		return Deal.open(new NewDeal(null, "a1", "Licences", "ann", "emea",
				new Money(new BigDecimal("100.00"), "USD"), DealType.NEW_BUSINESS, "QUALIFICATION", null, null, null,
				LEAD, CREATED, "EMEA", "SMB", "Software"));
	}

	private static Instant day(int n) {
		return CREATED.plusSeconds(86_400L * n);
	}

	@Test
	void aNewDealIsOpenWithOneOpenVisitFromItsCreation() {
		Deal deal = newDeal();
		assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
		assertThat(deal.stageHistory()).containsExactly(new StageVisit("QUALIFICATION", CREATED, null, null));
	}

	@Test
	void movingClosesTheOpenVisitWithItsDurationAndOpensTheNext() {
		Deal deal = newDeal();
		deal.moveTo("PROPOSAL", day(2), Pipeline.DEFAULT);
		assertThat(deal.stage()).isEqualTo("PROPOSAL");
		assertThat(deal.stageHistory()).containsExactly(
				new StageVisit("QUALIFICATION", CREATED, day(2), 2 * 86_400_000L),
				new StageVisit("PROPOSAL", day(2), null, null));
	}

	@Test
	void aMoveAtTheSameInstantAsThePreviousOneIsAllowed() {
		Deal deal = newDeal();
		deal.moveTo("PROPOSAL", CREATED, Pipeline.DEFAULT);
		assertThat(deal.stageHistory().get(0).durationMillis()).isZero();
	}

	@Test
	void winningStoresCycleAndLeadToCustomerMillisAndClosesTheVisit() {
		Deal deal = newDeal();
		deal.moveTo("NEGOTIATION", day(1), Pipeline.DEFAULT);
		deal.win(day(3), new Money(new BigDecimal("120.00"), "USD"));
		assertThat(deal.status()).isEqualTo(DealStatus.WON);
		assertThat(deal.wonAt()).isEqualTo(day(3));
		assertThat(deal.cycleMillis()).isEqualTo(3 * 86_400_000L);
		// lead created 31 days before the deal
		assertThat(deal.leadToCustomerMillis()).isEqualTo(34 * 86_400_000L);
		assertThat(deal.amount().amount()).isEqualByComparingTo("120.00");
		assertThat(deal.stageHistory().get(1)).isEqualTo(new StageVisit("NEGOTIATION", day(1), day(3), 2 * 86_400_000L));
	}

	@Test
	void losingRecordsTheReasonAndClosesTheVisit() {
		Deal deal = newDeal();
		deal.lose("price", day(4));
		assertThat(deal.status()).isEqualTo(DealStatus.LOST);
		assertThat(deal.lossReason()).isEqualTo("price");
		assertThat(deal.lostAt()).isEqualTo(day(4));
		assertThat(deal.stageHistory().get(0).exitedAt()).isEqualTo(day(4));
		assertThat(deal.cycleMillis()).isNull();
	}

	@Test
	void movingWinningOrLosingAClosedDealIsAConflict() {
		Deal won = newDeal();
		won.win(day(1), null);
		Deal lost = newDeal();
		lost.lose("price", day(1));
		for (Deal closed : new Deal[] { won, lost }) {
			assertStatus(() -> closed.moveTo("PROPOSAL", day(2), Pipeline.DEFAULT), HttpStatus.CONFLICT);
			assertStatus(() -> closed.win(day(2), null), HttpStatus.CONFLICT);
			assertStatus(() -> closed.lose("late", day(2)), HttpStatus.CONFLICT);
		}
		assertThat(won.status()).isEqualTo(DealStatus.WON);
		assertThat(lost.status()).isEqualTo(DealStatus.LOST);
	}

	@Test
	void movingToTheStageItIsAlreadyInIsAConflict() {
		Deal deal = newDeal();
		assertStatus(() -> deal.moveTo("QUALIFICATION", day(1), Pipeline.DEFAULT), HttpStatus.CONFLICT);
		assertThat(deal.stageHistory()).hasSize(1);
	}

	@Test
	void movingToAnUnknownStageIsInvalid() {
		Deal deal = newDeal();
		assertStatus(() -> deal.moveTo("WON", day(1), Pipeline.DEFAULT), HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(deal.stageHistory()).hasSize(1);
	}

	@Test
	void aChangeDatedBeforeThePreviousMoveIsInvalid() {
		Deal deal = newDeal();
		deal.moveTo("PROPOSAL", day(5), Pipeline.DEFAULT);
		assertStatus(() -> deal.moveTo("NEGOTIATION", day(4), Pipeline.DEFAULT), HttpStatus.UNPROCESSABLE_CONTENT);
		assertStatus(() -> deal.win(day(4), null), HttpStatus.UNPROCESSABLE_CONTENT);
		assertStatus(() -> deal.lose("price", day(4)), HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
		assertThat(deal.stage()).isEqualTo("PROPOSAL");
	}

	@Test
	void aLeadCreatedAfterTheDealIsInvalid() {
		assertStatus(() -> Deal.open(new NewDeal(null, "a1", "x", "ann", null,
				new Money(new BigDecimal("1.00"), "USD"), DealType.NEW_BUSINESS, "QUALIFICATION", null, null, null,
				CREATED.plusSeconds(1), CREATED, null, null, null)), HttpStatus.UNPROCESSABLE_CONTENT);
	}

	private static void assertStatus(Runnable action, HttpStatus status) {
		assertThatThrownBy(action::run).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(status));
	}
}
