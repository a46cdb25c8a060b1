package dev.pulsecrm.marketing.engagement;

import java.time.DayOfWeek;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendTimeRankingTest {

	@Test
	void theBusiestSlotWinsAndTiesGoToTheEarlierSlotInTheWeek() {
		SendTime best = SendTimeService.rank("SMB",
				List.of(new SendTime.Slot(DayOfWeek.FRIDAY, 9, 4), new SendTime.Slot(DayOfWeek.TUESDAY, 10, 7),
						new SendTime.Slot(DayOfWeek.MONDAY, 15, 7), new SendTime.Slot(DayOfWeek.MONDAY, 8, 1)));

		assertThat(best.dayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
		assertThat(best.hour()).isEqualTo(15);
		assertThat(best.events()).isEqualTo(7);
		assertThat(best.ranking()).extracting(SendTime.Slot::dayOfWeek)
			.containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY);
	}

	@Test
	void withoutEventsThereIsNoBestSlot() {
		SendTime none = SendTimeService.rank(null, List.of());

		assertThat(none.dayOfWeek()).isNull();
		assertThat(none.hour()).isNull();
		assertThat(none.events()).isZero();
		assertThat(none.ranking()).isEmpty();
	}
}
