package dev.pulsecrm.marketing.engagement;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import dev.pulsecrm.marketing.Created;
import dev.pulsecrm.marketing.campaign.Campaign;
import dev.pulsecrm.marketing.campaign.CampaignService;
import dev.pulsecrm.marketing.lead.Lead;
import dev.pulsecrm.marketing.lead.LeadService;
import dev.pulsecrm.marketing.scoring.ScoringRulesService;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.rollup.Rollups;
import dev.pulsecrm.platform.time.EventTime;
import org.bson.types.ObjectId;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

@Service
public class EngagementService {

	public static final int MAX_BATCH = 1000;

	private final CampaignService campaigns;

	private final LeadService leads;

	private final ScoringRulesService rules;

	private final MongoTemplate mongo;

	private final Rollups rollups;

	private final Clock clock;

	public EngagementService(CampaignService campaigns, LeadService leads, ScoringRulesService rules,
			MongoTemplate mongo, Rollups rollups, Clock clock) {
		this.campaigns = campaigns;
		this.leads = leads;
		this.rules = rules;
		this.mongo = mongo;
		this.rollups = rollups;
		this.clock = clock;
	}

	/** Records a batch item by item; a bad item is reported and skipped, the others are recorded. */
	public EngagementBatchResult recordBatch(String campaignId, List<EngagementItem> items) {
		if (items.size() > MAX_BATCH) {
			throw ProblemException.badRequest("events", "at most " + MAX_BATCH + " events per request");
		}
		Campaign campaign = this.campaigns.get(campaignId);
		List<EngagementBatchResult.ItemResult> results = new ArrayList<>();
		int recorded = 0;
		int duplicates = 0;
		for (int i = 0; i < items.size(); i++) {
			EngagementItem item = items.get(i);
			try {
				Created<EngagementEvent> created = record(campaign, leadOf(item), parseType(item.type()),
						parseAt(item.at()));
				if (created.isNew()) {
					recorded++;
				}
				else {
					duplicates++;
				}
				results.add(new EngagementBatchResult.ItemResult(i, created.isNew() ? 201 : 200,
						created.value().id(), null));
			}
			catch (ProblemException ex) {
				results.add(new EngagementBatchResult.ItemResult(i, ex.status().value(), null, ex.getMessage()));
			}
		}
		return new EngagementBatchResult(items.size(), recorded, duplicates, items.size() - recorded - duplicates,
				results);
	}

	private Lead leadOf(EngagementItem item) {
		if (item == null) {
			throw ProblemException.invalid("leadId", "leadId or email is required");
		}
		if (item.leadId() != null) {
			return this.leads.referenced(item.leadId(), null).orElseThrow();
		}
		if (item.email() != null) {
			return this.leads.byEmail(item.email());
		}
		throw ProblemException.invalid("leadId", "leadId or email is required");
	}

	static EngagementType parseType(String type) {
		if (type == null) {
			throw ProblemException.invalid("type", "is required");
		}
		try {
			return EngagementType.valueOf(type.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid("type", "must be one of " + List.of(EngagementType.values()));
		}
	}

	private static Instant parseAt(String at) {
		if (at == null) {
			return null;
		}
		try {
			return Instant.parse(at);
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.invalid("at", "must be an ISO-8601 instant such as 2026-03-01T09:30:00Z");
		}
	}

	/**
	 * Records one event; the same (campaign, lead, type, instant) again returns the first one, not counted twice.
	 * A new event adds its engagement points to the lead's score.
	 */
	public Created<EngagementEvent> record(Campaign campaign, Lead lead, EngagementType type, Instant at) {
		Instant when = EventTime.pastOrNow("at", at, this.clock);
		ZonedDateTime utc = when.atZone(ZoneOffset.UTC);
		EngagementEvent event = new EngagementEvent(null, campaign.id(), lead.id(), type, when, campaign.channel(),
				lead.region(), lead.industry(), lead.segment(), utc.getDayOfWeek(), utc.getHour(),
				EventTime.pastOrNow("recordedAt", null, this.clock), lead.convertedAt());
		EngagementEvent saved;
		try {
			saved = this.mongo.insert(event);
		}
		catch (DuplicateKeyException ex) {
			// the unique index says this exact event is already recorded: report the first, count nothing
			EngagementEvent first = this.mongo.findOne(Query.query(Criteria.where("campaignId")
				.is(campaign.id())
				.and("leadId")
				.is(lead.id())
				.and("type")
				.is(type)
				.and("at")
				.is(when)), EngagementEvent.class);
			return new Created<>(first, false);
		}
		int points = this.rules.current().pointsFor(type);
		// $inc so concurrent events all count; the version bump makes a concurrent whole-lead save fail, not undo it
		Lead after = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(lead.id())),
				new Update().inc("engagementCounts." + type.name(), 1L).inc("score", (long) points).inc("version", 1L),
				FindAndModifyOptions.options().returnNew(true), Lead.class);
		// the update bypassed the save lifecycle: leads are a rollup source
		this.rollups.refresh("leads", storedId(lead.id()));
		if (lead.convertedAt() == null && after != null && after.convertedAt() != null) {
			// the lead converted after it was read here, maybe after the conversion set its events: set this one too
			leadConverted(lead.id(), after.convertedAt());
		}
		return new Created<>(saved, true);
	}

	/**
	 * The lead converted at {@code at}: every event of the lead carries the instant ({@code leadConvertedAt}), and
	 * the rollups are refreshed from the changed events. Idempotent; an event recorded meanwhile is caught by
	 * {@link #record}, which reads the lead's conversion again after storing the event.
	 */
	public void leadConverted(String leadId, Instant at) {
		Date convertedAt = Date.from(at);
		MongoCollection<org.bson.Document> events = this.mongo.getCollection(
				this.mongo.getCollectionName(EngagementEvent.class));
		List<Object> ids = events.find(Filters.and(Filters.eq("leadId", leadId),
				Filters.ne("leadConvertedAt", convertedAt)))
			.projection(Projections.include("_id"))
			.map((event) -> event.get("_id"))
			.into(new ArrayList<>());
		if (ids.isEmpty()) {
			return;
		}
		events.updateMany(Filters.in("_id", ids), Updates.set("leadConvertedAt", convertedAt));
		this.rollups.refreshAll(this.mongo.getCollectionName(EngagementEvent.class), ids);
	}

	/** The stored {@code _id} of a String id: an ObjectId when the id is one, as the mapping stores it. */
	private static Object storedId(String id) {
		return ObjectId.isValid(id) ? new ObjectId(id) : id;
	}
}
