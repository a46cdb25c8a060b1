package dev.pulsecrm.sales.activity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.platform.problem.ProblemException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A call, email, meeting or task, optionally about a deal or account; with a due date it is a reminder. */
@Document("activities")
@CompoundIndex(name = "owner_due", def = "{'ownerId': 1, 'dueAt': 1}")
@CompoundIndex(name = "open_due", def = "{'completedAt': 1, 'dueAt': 1}")
public record Activity(@Id String id, @Indexed(unique = true, sparse = true) String externalId, ActivityType type,
		String subject, String ownerId, @Indexed(sparse = true) String dealId,
		@Indexed(sparse = true) String accountId, Instant dueAt, Instant completedAt, Instant createdAt,
		@JsonIgnore @Version Long version) {

	public enum ActivityType {

		CALL, EMAIL, MEETING, TASK

	}

	/** An activity is completed once; completing it again is a conflict. */
	Activity complete(Instant at) {
		if (this.completedAt != null) {
			throw ProblemException.conflict("activity " + this.id + " was completed at " + this.completedAt);
		}
		if (at.isBefore(this.createdAt)) {
			throw ProblemException.invalid("at", "must not be before the activity's createdAt");
		}
		return new Activity(this.id, this.externalId, this.type, this.subject, this.ownerId, this.dealId,
				this.accountId, this.dueAt, at, this.createdAt, this.version);
	}
}
