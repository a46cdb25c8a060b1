package dev.pulsecrm.sales.account;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AccountRepository extends MongoRepository<Account, String> {

	Optional<Account> findByExternalId(String externalId);

	Optional<Account> findBySourceLeadId(String sourceLeadId);

}
