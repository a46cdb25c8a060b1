package dev.pulsecrm.support.importing;

import java.time.Instant;
import java.util.List;

import dev.pulsecrm.support.ticket.CreateTicket;
import dev.pulsecrm.support.ticket.Priority;
import dev.pulsecrm.support.ticket.TicketHistoryStep;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An import line of type {@code ticket}: the {@code POST /tickets} body plus its past events in order. */
record TicketLine(@NotBlank @Size(max = 100) String accountId, @NotBlank @Size(max = 500) String subject,
		@NotNull Priority priority, @NotBlank @Size(max = 50) String channel, @Size(max = 100) String category,
		@Size(max = 100) String assigneeId, @Size(max = 100) String team, @Size(max = 200) String externalId,
		Instant createdAt, @Size(max = 1000) List<@Valid @NotNull HistoryLine> history) {

	CreateTicket ticket() {
		return new CreateTicket(this.accountId, this.subject, this.priority, this.channel, this.category,
				this.assigneeId, this.team, this.externalId, this.createdAt);
	}

	List<TicketHistoryStep> steps() {
		return (this.history == null) ? List.of()
				: this.history.stream()
					.map((line) -> new TicketHistoryStep(line.action(), line.at(), line.agentId(), line.publicReply()))
					.toList();
	}
}
