package dev.pulsecrm.platform.app;

import java.time.Instant;

import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.CallerProvider;
import dev.pulsecrm.platform.time.EventTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A one-feature service exercising the platform the way the real services use it. */
@SpringBootApplication
@org.springframework.data.mongodb.repository.config.EnableMongoRepositories(considerNestedRepositories = true)
public class NoteApplication {

	@Document("notes")
	public record Note(@Id String id, String text, String ownerId, String team, Instant at, @Version Long version) {
	}

	public interface NoteRepository extends MongoRepository<Note, String> {

	}

	/** Each note counts once in family {@code noted} at its instant, by team, with its text's length. */
	@org.springframework.stereotype.Component
	static class NoteRollups implements dev.pulsecrm.platform.rollup.RollupSource {

		@Override
		public String collection() {
			return "notes";
		}

		@Override
		public String version() {
			return "1";
		}

		@Override
		public java.util.List<dev.pulsecrm.platform.rollup.Contribution> contributions(org.bson.Document stored) {
			String team = stored.getString("team");
			return java.util.List.of(dev.pulsecrm.platform.rollup.Contribution.of("noted",
					stored.getDate("at").toInstant(), java.util.Map.of("team", team == null ? "" : team),
					java.util.Map.of("notes", 1L, "chars", (long) stored.getString("text").length())));
		}
	}

	public record CreateNote(@NotBlank @Size(max = 20) String text, String team, Instant at) {
	}

	@RestController
	static class NoteController {

		private final NoteRepository notes;

		private final CallerProvider callers;

		private final org.springframework.data.mongodb.core.MongoTemplate mongo;

		NoteController(NoteRepository notes, CallerProvider callers,
				org.springframework.data.mongodb.core.MongoTemplate mongo) {
			this.mongo = mongo;
			this.notes = notes;
			this.callers = callers;
		}

		@PostMapping("/api/notes")
		@ResponseStatus(HttpStatus.CREATED)
		Note create(@Valid @RequestBody CreateNote note) {
			return this.notes.save(new Note(null, note.text(), this.callers.current().userId(), note.team(),
					EventTime.pastOrNow("at", note.at(), java.time.Clock.systemUTC()), null));
		}

		@PostMapping("/api/notes/{id}/edit")
		Note edit(@PathVariable String id, @Valid @RequestBody CreateNote change) {
			Note note = this.notes.findById(id).orElseThrow(() -> ProblemException.notFound("note", id));
			this.callers.current().requireMayChange("note", note.ownerId(), note.team());
			return this.notes.save(new Note(note.id(), change.text(), note.ownerId(), note.team(), note.at(), note.version()));
		}

		/** One note per line of plain text (a stand-in for the services' NDJSON imports). */
		@PostMapping("/api/notes/import")
		java.util.Map<String, Object> importNotes(@RequestBody String lines) {
			int imported = 0;
			for (String line : lines.split("\n")) {
				this.notes.save(new Note(null, line, this.callers.current().userId(), "emea",
						Instant.parse("2026-01-01T00:00:00Z").plusSeconds(imported), null));
				imported++;
			}
			// what the rollup ledger holds before the request ends: the import's refreshes wait for its end
			return java.util.Map.of("imported", imported, "ledgerDuringImport",
					this.mongo.getCollection("rollup_ledger").countDocuments());
		}

		@GetMapping("/api/notes/{id}")
		Note get(@PathVariable String id) {
			return this.notes.findById(id).orElseThrow(() -> ProblemException.notFound("note", id));
		}
	}
}
