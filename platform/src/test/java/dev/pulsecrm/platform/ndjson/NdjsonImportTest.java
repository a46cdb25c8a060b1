package dev.pulsecrm.platform.ndjson;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.pulsecrm.platform.ndjson.NdjsonImport.Applied;
import dev.pulsecrm.platform.problem.ProblemException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonImportTest {

	record Thing(@NotBlank String name, @Positive int size) {
	}

	final List<Thing> stored = new ArrayList<>();

	final NdjsonImport importer = NdjsonImport
		.builder(JsonMapper.builder().build(), Validation.buildDefaultValidatorFactory().getValidator())
		.on("thing", Thing.class, (thing) -> {
			if (thing.name().equals("taken")) {
				throw ProblemException.conflict("taken");
			}
			this.stored.add(thing);
			return new Applied("id-" + this.stored.size(), true);
		})
		.build();

	@Test
	void eachGoodLineIsAppliedAndEachBadLineReportedWithoutBeingWritten() throws Exception {
		String body = String.join("\n", "{\"type\":\"thing\",\"name\":\"a\",\"size\":1}", "not json",
				"{\"type\":\"gadget\",\"name\":\"b\",\"size\":1}", "{\"type\":\"thing\",\"name\":\"\",\"size\":1}",
				"{\"type\":\"thing\",\"name\":\"c\",\"size\":\"big\"}", "", "[1,2]",
				"{\"type\":\"thing\",\"name\":\"taken\",\"size\":1}", "{\"type\":\"thing\",\"name\":\"d\",\"size\":2}");
		var report = this.importer.run(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

		assertThat(report.lines()).isEqualTo(8);
		assertThat(report.imported()).isEqualTo(2);
		assertThat(report.failed()).isEqualTo(6);
		assertThat(this.stored).extracting(Thing::name).containsExactly("a", "d");
		assertThat(report.results()).extracting(NdjsonImport.LineResult::line).containsExactly(1, 2, 3, 4, 5, 7, 8, 9);
		assertThat(report.results()).extracting(NdjsonImport.LineResult::status)
			.containsExactly(201, 400, 400, 400, 400, 400, 409, 201);
		assertThat(report.results().get(2).error()).contains("type must be one of [thing]");
		assertThat(report.results().get(3).error()).startsWith("name:");
	}
}
