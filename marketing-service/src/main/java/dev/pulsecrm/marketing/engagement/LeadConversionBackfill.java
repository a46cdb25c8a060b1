package dev.pulsecrm.marketing.engagement;

import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the engagement events stored before events carried their lead's conversion ({@code leadConvertedAt}) that
 * instant, once per store: for every converted lead ({@code convertedAt} is indexed), its events without it, through
 * {@link EngagementService#leadConverted}. Runs before the rollups are built at start (an {@link ApplicationRunner}
 * runs before the ready event that builds them); a marker document says it is done, so later starts cost one read.
 */
@Component
public class LeadConversionBackfill implements ApplicationRunner {

	public static final String MIGRATIONS = "marketing_migrations";

	static final String MARKER = "engagement-events-lead-converted-at";

	private final MongoTemplate mongo;

	private final EngagementService engagement;

	public LeadConversionBackfill(MongoTemplate mongo, EngagementService engagement) {
		this.mongo = mongo;
		this.engagement = engagement;
	}

	@Override
	public void run(ApplicationArguments args) {
		MongoCollection<Document> migrations = this.mongo.getCollection(MIGRATIONS);
		if (migrations.find(Filters.eq("_id", MARKER)).first() != null) {
			return;
		}
		for (Document lead : this.mongo.getCollection("leads")
			.find(Filters.ne("convertedAt", null))
			.projection(Projections.include("convertedAt"))) {
			this.engagement.leadConverted(lead.get("_id").toString(), lead.get("convertedAt", Date.class).toInstant());
		}
		try {
			migrations.insertOne(new Document("_id", MARKER).append("at", new Date()));
		}
		catch (MongoWriteException ex) {
			// another replica finished the same idempotent backfill first
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}
}
