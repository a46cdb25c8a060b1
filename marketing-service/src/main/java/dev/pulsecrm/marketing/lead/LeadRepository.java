package dev.pulsecrm.marketing.lead;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface LeadRepository extends MongoRepository<Lead, String> {

	Optional<Lead> findByExternalId(String externalId);

	List<Lead> findTop2ByEmail(String email);

}
