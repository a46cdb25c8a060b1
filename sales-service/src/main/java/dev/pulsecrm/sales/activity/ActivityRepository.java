package dev.pulsecrm.sales.activity;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface ActivityRepository extends MongoRepository<Activity, String> {

	Optional<Activity> findByExternalId(String externalId);

}
