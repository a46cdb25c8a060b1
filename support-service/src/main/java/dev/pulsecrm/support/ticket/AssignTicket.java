package dev.pulsecrm.support.ticket;

import jakarta.validation.constraints.Size;

/** {@code POST /tickets/{id}/assign}: either may be null (a team queue, or an agent without a team). */
public record AssignTicket(@Size(max = 100) String assigneeId, @Size(max = 100) String team) {
}
