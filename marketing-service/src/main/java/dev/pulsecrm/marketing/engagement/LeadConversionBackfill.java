package dev.pulsecrm.marketing.engagement;

import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.pulsecrm.platform.mongo.OnceMarkers;
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
		OnceMarkers.runOnce(this.mongo, MIGRATIONS, MARKER, () -> {
			for (Document lead : this.mongo.getCollection("leads")
				.find(Filters.ne("convertedAt", null))
				.projection(Projections.include("convertedAt"))) {
				this.engagement.leadConverted(lead.get("_id").toString(),
						lead.get("convertedAt", Date.class).toInstant());
			}
		});
	}
}
