package dev.pulsecrm.marketing.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.pulsecrm.marketing.Created;
import dev.pulsecrm.marketing.campaign.CampaignService;
import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.marketing.scoring.LeadScorer;
import dev.pulsecrm.marketing.scoring.ScoringRulesService;
import dev.pulsecrm.platform.problem.ProblemException;
import dev.pulsecrm.platform.security.CallerProvider;
import dev.pulsecrm.platform.time.EventTime;
import dev.pulsecrm.platform.web.PageResponse;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

@Service
public class LeadService {

	private final LeadRepository leads;

	private final CampaignService campaigns;

	private final ScoringRulesService rules;

	private final CallerProvider callers;

	private final MongoTemplate mongo;

	private final Clock clock;

	public LeadService(LeadRepository leads, CampaignService campaigns, ScoringRulesService rules,
			CallerProvider callers, MongoTemplate mongo, Clock clock) {
		this.leads = leads;
		this.campaigns = campaigns;
		this.rules = rules;
		this.callers = callers;
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Creates a lead, or returns the one already created with the same {@code externalId}. */
	public Created<Lead> create(CreateLead command) {
		return create(command, null);
	}

	/**
	 * Creates a lead and replays its history (import). The whole history is applied in memory first, so a line
	 * with an illegal or mis-dated step is refused and nothing of it is written.
	 */
	public Created<Lead> create(CreateLead command, LeadHistory history) {
		if (command.externalId() != null) {
			Optional<Lead> existing = this.leads.findByExternalId(command.externalId());
			if (existing.isPresent()) {
				return new Created<>(existing.get(), false);
			}
		}
		if (command.campaignId() != null) {
			this.campaigns.referenced("campaignId", command.campaignId());
		}
		Instant createdAt = EventTime.pastOrNow("createdAt", command.createdAt(), this.clock);
		Lead lead = Lead.create(command.externalId(), command.name(), command.email(), command.company(),
				command.companySize(), command.industry(), command.region(), command.segment(), command.role(),
				command.channel(), command.campaignId(), command.ownerId(), createdAt);
		if (history != null) {
			lead = replay(lead, history);
		}
		lead = lead.withScore(LeadScorer.score(lead, this.rules.current()));
		return new Created<>(this.leads.save(lead), true);
	}

	private Lead replay(Lead lead, LeadHistory history) {
		Lead result = lead;
		if (history.contactedAt() != null) {
			if (lead.ownerId() == null) {
				throw ProblemException.invalid("ownerId", "is required with contactedAt");
			}
			result = result.contact(lead.ownerId(), EventTime.pastOrNow("contactedAt", history.contactedAt(), this.clock));
		}
		if (history.qualifiedAt() != null) {
			result = result.qualify(EventTime.pastOrNow("qualifiedAt", history.qualifiedAt(), this.clock));
		}
		if (history.disqualifiedAt() != null) {
			if (history.reason() == null || history.reason().isBlank()) {
				throw ProblemException.invalid("reason", "is required with disqualifiedAt");
			}
			result = result.disqualify(history.reason(),
					EventTime.pastOrNow("disqualifiedAt", history.disqualifiedAt(), this.clock));
		}
		return result;
	}

	public Lead get(String id) {
		return this.leads.findById(id).orElseThrow(() -> ProblemException.notFound("lead", id));
	}

	/** Resolves an import reference given as an id or an external id (422 when neither finds a lead). */
	public Optional<Lead> referenced(String id, String externalId) {
		if (id != null) {
			return Optional.of(this.leads.findById(id)
				.orElseThrow(() -> ProblemException.invalid("leadId", "lead " + id + " does not exist")));
		}
		if (externalId != null) {
			return Optional.of(this.leads.findByExternalId(externalId)
				.orElseThrow(() -> ProblemException.invalid("leadExternalId", "no lead has externalId " + externalId)));
		}
		return Optional.empty();
	}

	/** The one lead with this email (422 when there is none, or several and the caller must name the lead). */
	public Lead byEmail(String email) {
		List<Lead> found = this.leads.findTop2ByEmail(email);
		if (found.isEmpty()) {
			throw ProblemException.invalid("email", "no lead has email " + email);
		}
		if (found.size() > 1) {
			throw ProblemException.invalid("email", "several leads have email " + email + "; give leadId");
		}
		return found.get(0);
	}

	/** Leads with the given filters, highest score first (newest first among equal scores). */
	public PageResponse<Lead> list(LeadStatus status, Channel channel, String campaignId, String ownerId,
			Long minScore, int page, int size) {
		PageResponse.checkPaging(page, size);
		Criteria criteria = new Criteria();
		if (status != null) {
			criteria.and("status").is(status);
		}
		if (channel != null) {
			criteria.and("channel").is(channel);
		}
		if (campaignId != null) {
			criteria.and("campaignId").is(campaignId);
		}
		if (ownerId != null) {
			criteria.and("ownerId").is(ownerId);
		}
		if (minScore != null) {
			criteria.and("score").gte(minScore);
		}
		long total = this.mongo.count(new Query(criteria), Lead.class);
		Query query = new Query(criteria)
			.with(Sort.by(Sort.Order.desc("score"), Sort.Order.desc("createdAt"), Sort.Order.asc("_id")))
			.skip((long) page * size)
			.limit(size);
		return new PageResponse<>(this.mongo.find(query, Lead.class), page, size, total);
	}

	public Lead contact(String id, ContactLead command) {
		return change(id, command.ownerId(),
				(lead) -> lead.contact(command.ownerId(), EventTime.pastOrNow("at", command.at(), this.clock)));
	}

	public Lead qualify(String id, QualifyLead command) {
		return change(id, null, (lead) -> lead.qualify(EventTime.pastOrNow("at", command.at(), this.clock)));
	}

	public Lead disqualify(String id, DisqualifyLead command) {
		return change(id, null,
				(lead) -> lead.disqualify(command.reason(), EventTime.pastOrNow("at", command.at(), this.clock)));
	}

	/** Saves a lead after a transition decided elsewhere (conversion), rescored. */
	public Lead save(Lead lead) {
		return this.leads.save(lead.withScore(LeadScorer.score(lead, this.rules.current())));
	}

	/**
	 * Applies one transition as the current caller: an owned lead may be changed by its owner (or team/manager); an
	 * unowned one only by someone taking it for {@code newOwnerId}.
	 */
	private Lead change(String id, String newOwnerId, UnaryOperator<Lead> transition) {
		Lead lead = get(id);
		requireMayChange(lead, newOwnerId);
		return save(transition.apply(lead));
	}

	public void requireMayChange(Lead lead, String newOwnerId) {
		String owner = lead.ownerId() != null ? lead.ownerId() : newOwnerId;
		this.callers.current().requireMayChange("lead", owner, null);
	}
}
