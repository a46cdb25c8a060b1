package dev.pulsecrm.platform.security;

import java.util.Set;

import dev.pulsecrm.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallerTest {

	final Caller alice = new Caller("alice", "emea", Set.of("SALES"));

	@Test
	void anOwnerMayChangeTheirRecord() {
		assertThat(this.alice.mayChange("alice", "apac")).isTrue();
	}

	@Test
	void aTeamMemberMayChangeTheTeamsRecord() {
		assertThat(this.alice.mayChange("bob", "emea")).isTrue();
	}

	@Test
	void someoneElsesRecordIsForbidden() {
		assertThat(this.alice.mayChange("bob", "apac")).isFalse();
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.alice.requireMayChange("deal", "bob", "apac"))
			.matches((ex) -> ex.status().value() == 403);
	}

	@Test
	void aRecordWithoutTeamIsNotEveryonesWhoHasNoTeam() {
		Caller noTeam = new Caller("carol", null, Set.of("SALES"));
		assertThat(noTeam.mayChange("bob", null)).isFalse();
	}

	@Test
	void managersAndAdminsMayChangeAnything() {
		assertThat(new Caller("m", null, Set.of("MANAGER")).mayChange("bob", "apac")).isTrue();
		assertThat(Caller.SYSTEM.mayChange("bob", "apac")).isTrue();
	}
}
