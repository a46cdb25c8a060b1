package dev.pulsecrm.sales.pipeline;

import org.springframework.data.mongodb.repository.MongoRepository;

interface PipelineRepository extends MongoRepository<PipelineDocument, String> {

}
