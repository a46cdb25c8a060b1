package dev.pulsecrm.support.ticket;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface TicketRepository extends MongoRepository<Ticket, String> {

	Optional<Ticket> findByExternalId(String externalId);

}
