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

	public record CreateNote(@NotBlank @Size(max = 20) String text, String team, Instant at) {
	}

	@RestController
	static class NoteController {

		private final NoteRepository notes;

		private final CallerProvider callers;

		NoteController(NoteRepository notes, CallerProvider callers) {
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

		@GetMapping("/api/notes/{id}")
		Note get(@PathVariable String id) {
			return this.notes.findById(id).orElseThrow(() -> ProblemException.notFound("note", id));
		}
	}
}
