package dev.pulsecrm.marketing.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.pulsecrm.marketing.Created;
import dev.pulsecrm.platform.money.Money;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

@Service
public class CampaignService {

	private final CampaignRepository campaigns;

	private final SpendRepository spend;

	private final MongoTemplate mongo;

	private final Clock clock;

	public CampaignService(CampaignRepository campaigns, SpendRepository spend, MongoTemplate mongo, Clock clock) {
		this.campaigns = campaigns;
		this.spend = spend;
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Creates a campaign, or returns the one already created with the same {@code externalId}. */
	public Created<Campaign> create(CreateCampaign command) {
		if (command.externalId() != null) {
			var existing = this.campaigns.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created<>(existing.get(), false);
			}
		}
		Money budget = Money.checked("budget", command.budget());
		if (command.endDate() != null && command.endDate().isBefore(command.startDate())) {
			throw ProblemException.invalid("endDate", "must not be before startDate");
		}
		Instant createdAt = EventTime.pastOrNow("createdAt", command.createdAt(), this.clock);
		Campaign campaign = new Campaign(null, command.externalId(), command.name(), command.channel(), budget,
				budget.cents(), command.startDate(), command.endDate(), command.region(), command.industry(),
				command.segment(), createdAt, 0, null);
		return new Created<>(this.campaigns.save(campaign), true);
	}

	public Campaign get(String id) {
		return this.campaigns.findById(id).orElseThrow(() -> ProblemException.notFound("campaign", id));
	}

	/** The campaign a record refers to; an unknown one makes the referring record invalid (422), not missing. */
	public Campaign referenced(String field, String id) {
		return this.campaigns.findById(id)
			.orElseThrow(() -> ProblemException.invalid(field, "campaign " + id + " does not exist"));
	}

	/** Resolves an import reference given as an id or an external id (422 when neither finds a campaign). */
	public Campaign byIdOrExternalId(String id, String externalId) {
		if (id != null) {
			return referenced("campaignId", id);
		}
		if (externalId != null) {
			return this.campaigns.findByExternalId(externalId)
				.orElseThrow(() -> ProblemException.invalid("campaignExternalId",
						"no campaign has externalId " + externalId));
		}
		throw ProblemException.invalid("campaignId", "campaignId or campaignExternalId is required");
	}

	public PageResponse<Campaign> list(Channel channel, String region, String industry, String segment, int page,
			int size) {
		PageResponse.checkPaging(page, size);
		Criteria criteria = new Criteria();
		if (channel != null) {
			criteria.and("channel").is(channel);
		}
		if (region != null) {
			criteria.and("region").is(region);
		}
		if (industry != null) {
			criteria.and("industry").is(industry);
		}
		if (segment != null) {
			criteria.and("segment").is(segment);
		}
		long total = this.mongo.count(new Query(criteria), Campaign.class);
		Query query = new Query(criteria).with(Sort.by(Sort.Order.desc("startDate"), Sort.Order.asc("_id")))
			.skip((long) page * size)
			.limit(size);
		List<Campaign> items = this.mongo.find(query, Campaign.class);
		return new PageResponse<>(items, page, size, total);
	}

	/**
	 * Records one cost entry and adds it to the campaign's total. The entry must be in the budget's currency (so the
	 * campaign total is one exact sum) and not dated in the future.
	 */
	public Created<SpendEntry> recordSpend(String campaignId, RecordSpend command) {
		Campaign campaign = get(campaignId);
		return recordSpend(campaign, command);
	}

	public Created<SpendEntry> recordSpend(Campaign campaign, RecordSpend command) {
		if (command.externalId() != null) {
			var existing = this.spend.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created<>(existing.get(), false);
			}
		}
		Money amount = Money.checked("amount", command.amount());
		if (!amount.currency().equals(campaign.budget().currency())) {
			throw ProblemException.invalid("amount.currency",
					"must be the campaign budget's currency " + campaign.budget().currency());
		}
		if (command.date().isAfter(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)))) {
			throw ProblemException.invalid("date", "must not be in the future");
		}
		Instant now = EventTime.pastOrNow("createdAt", null, this.clock);
		SpendEntry entry = new SpendEntry(null, command.externalId(), campaign.id(), campaign.channel(),
				campaign.region(), campaign.industry(), campaign.segment(), amount, amount.cents(),
				amount.currency(), command.date(), command.date().atStartOfDay(ZoneOffset.UTC).toInstant(), now);
		SpendEntry saved = this.spend.save(entry);
		// $inc rather than read-modify-write: concurrent spend entries must all count
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(campaign.id())),
				new Update().inc("spentCents", amount.cents()).inc("version", 1), Campaign.class);
		return new Created<>(saved, true);
	}
}
