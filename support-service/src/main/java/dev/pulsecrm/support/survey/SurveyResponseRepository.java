package dev.pulsecrm.support.survey;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface SurveyResponseRepository extends MongoRepository<SurveyResponse, String> {

	Optional<SurveyResponse> findByExternalId(String externalId);

}
