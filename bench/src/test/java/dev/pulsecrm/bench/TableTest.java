package dev.pulsecrm.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TableTest {

	@Test
	void printsAnAlignedMarkdownTableWithNotes() {
		Table table = new Table("Latency", "size", "p50 ms").row(10000, "12.5").row(100000, "130").note("noisy");
		assertThat(table.markdown()).isEqualTo("""
				### Latency

				| size   | p50 ms |
				|--------|--------|
				| 10000  | 12.5   |
				| 100000 | 130    |

				noisy
				""");
		assertThat(table.size()).isEqualTo(2);
	}

	@Test
	void escapesPipesAndChecksTheNumberOfCells() {
		assertThat(new Table("t", "a").row("x|y").markdown()).contains("| x\\|y |");
		assertThatIllegalArgumentException().isThrownBy(() -> new Table("t", "a", "b").row("only one"));
	}
}
