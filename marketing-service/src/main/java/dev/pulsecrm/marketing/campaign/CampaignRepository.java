package dev.pulsecrm.marketing.campaign;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface CampaignRepository extends MongoRepository<Campaign, String> {

	Optional<Campaign> findByExternalId(String externalId);

}
