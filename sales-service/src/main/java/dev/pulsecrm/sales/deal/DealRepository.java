package dev.pulsecrm.sales.deal;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface DealRepository extends MongoRepository<Deal, String> {

	Optional<Deal> findByExternalId(String externalId);

	Optional<Deal> findBySourceLeadId(String sourceLeadId);

}
