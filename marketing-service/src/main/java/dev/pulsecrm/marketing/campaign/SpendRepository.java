package dev.pulsecrm.marketing.campaign;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface SpendRepository extends MongoRepository<SpendEntry, String> {

	Optional<SpendEntry> findByExternalId(String externalId);

}
