package dev.pulsecrm.support.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.support.ticket.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaPolicyTest {

	static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

	@ParameterizedTest
	@CsvSource({ "URGENT, 2026-03-02T10:00:00Z, 2026-03-02T13:00:00Z",
			"HIGH,   2026-03-02T13:00:00Z, 2026-03-03T09:00:00Z",
			"NORMAL, 2026-03-02T17:00:00Z, 2026-03-05T09:00:00Z",
			"LOW,    2026-03-03T09:00:00Z, 2026-03-09T09:00:00Z" })
	void theDefaultPolicyGivesEachPriorityItsDeadlines(Priority priority, Instant firstResponseDue,
			Instant resolutionDue) {
		SlaDeadlines deadlines = SlaPolicy.DEFAULT.targetFor(priority).deadlinesFrom(CREATED);
		assertThat(deadlines).isEqualTo(new SlaDeadlines(firstResponseDue, resolutionDue));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "4 hours", "PT", "PT0S", "-PT1H", "P-1D", "PT-30M" })
	void invalidOrNonPositiveDurationsAreRefusedAs422NamingTheField(String duration) {
		List<SlaTarget> targets = new ArrayList<>(SlaPolicy.DEFAULT.targets());
		targets.set(2, new SlaTarget(Priority.NORMAL, "PT8H", duration));
		assertThatThrownBy(() -> SlaPolicy.checkedTargets(targets)).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> {
					assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
					assertThat(ex.errors()).extracting(ProblemException.FieldError::field)
						.containsExactly("[2].resolution");
				});
	}

	@Test
	void aPolicyMustNameEveryPriorityExactlyOnce() {
		List<SlaTarget> missingLow = SlaPolicy.DEFAULT.targets().subList(0, 3);
		assertThatThrownBy(() -> SlaPolicy.checkedTargets(missingLow)).isInstanceOf(ProblemException.class)
			.hasMessageContaining("LOW");
		List<SlaTarget> twiceUrgent = new ArrayList<>(SlaPolicy.DEFAULT.targets());
		twiceUrgent.add(new SlaTarget(Priority.URGENT, "PT2H", "PT5H"));
		assertThatThrownBy(() -> SlaPolicy.checkedTargets(twiceUrgent)).isInstanceOf(ProblemException.class)
			.hasMessageContaining("twice");
	}

	@Test
	void durationsAreNormalisedAndOrderedMostUrgentFirst() {
		List<SlaTarget> checked = SlaPolicy.checkedTargets(List.of(new SlaTarget(Priority.LOW, "P2D", "P14D"),
				new SlaTarget(Priority.NORMAL, "PT8H", "P3D"), new SlaTarget(Priority.HIGH, "PT240M", "PT24H"),
				new SlaTarget(Priority.URGENT, " PT30M ", "PT2H")));
		assertThat(checked).containsExactly(new SlaTarget(Priority.URGENT, "PT30M", "PT2H"),
				new SlaTarget(Priority.HIGH, "PT4H", "PT24H"), new SlaTarget(Priority.NORMAL, "PT8H", "PT72H"),
				new SlaTarget(Priority.LOW, "PT48H", "PT336H"));
	}
}
