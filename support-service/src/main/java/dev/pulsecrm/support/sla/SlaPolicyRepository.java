package dev.pulsecrm.support.sla;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface SlaPolicyRepository extends MongoRepository<SlaPolicy, String> {

}
