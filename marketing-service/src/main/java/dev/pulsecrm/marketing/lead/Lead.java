package dev.pulsecrm.marketing.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.marketing.campaign.Channel;
import dev.pulsecrm.platform.problem.ProblemException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who may buy, and how far marketing got with them. The state machine is in the transition methods (each
 * refuses an illegal move with 409 and a move dated before the previous one with 422). {@code firstContactMillis} is
 * {@code firstContactAt − createdAt}, stored at write time so the facts sum it without date arithmetic;
 * {@code engagementCounts} counts engagement events per type so the score can be recomputed when rules change.
 */
@Document("leads")
@CompoundIndexes({ @CompoundIndex(name = "list_by_score", def = "{'score': -1, 'createdAt': -1}"),
		@CompoundIndex(name = "status_score", def = "{'status': 1, 'score': -1}"),
		@CompoundIndex(name = "campaign_score", def = "{'campaignId': 1, 'score': -1}"),
		@CompoundIndex(name = "owner_score", def = "{'ownerId': 1, 'score': -1}") })
public record Lead(@Id String id, @Indexed(unique = true, sparse = true) String externalId, String name,
		@Indexed String email, String company, Integer companySize, String industry, String region, String segment,
		String role, Channel channel, String campaignId, String ownerId, LeadStatus status, long score,
		Map<String, Long> engagementCounts, @Indexed Instant createdAt, Instant statusChangedAt,
		@Indexed Instant firstContactAt, @JsonIgnore Long firstContactMillis, Instant lastContactAt,
		Instant qualifiedAt, Instant disqualifiedAt, String disqualificationReason, @Indexed Instant convertedAt,
		String accountId, String dealId, @JsonIgnore @Version Long version) {

	/** A new lead, as created (score is set by the caller, which knows the rules). */
	public static Lead create(String externalId, String name, String email, String company, Integer companySize,
			String industry, String region, String segment, String role, Channel channel, String campaignId,
			String ownerId, Instant createdAt) {
		return new Lead(null, externalId, name, email, company, companySize, industry, region, segment, role,
				channel, campaignId, ownerId, LeadStatus.NEW, 0, Map.of(), createdAt, createdAt, null, null, null,
				null, null, null, null, null, null, null);
	}

	/**
	 * Someone reached the lead: NEW becomes CONTACTED; a CONTACTED or QUALIFIED lead may be contacted again, which
	 * keeps its first contact and status. {@code ownerId} becomes the lead's owner.
	 */
	public Lead contact(String ownerId, Instant at) {
		if (this.status != LeadStatus.NEW && this.status != LeadStatus.CONTACTED
				&& this.status != LeadStatus.QUALIFIED) {
			throw illegal("contact");
		}
		requireNotBeforeLastChange(at);
		boolean first = this.firstContactAt == null;
		Instant firstContact = first ? at : this.firstContactAt;
		Long firstContactMillis = first ? Duration.between(this.createdAt, at).toMillis() : this.firstContactMillis;
		LeadStatus next = this.status == LeadStatus.NEW ? LeadStatus.CONTACTED : this.status;
		Instant changedAt = next != this.status ? at : this.statusChangedAt;
		return new Lead(this.id, this.externalId, this.name, this.email, this.company, this.companySize,
				this.industry, this.region, this.segment, this.role, this.channel, this.campaignId, ownerId, next,
				this.score, this.engagementCounts, this.createdAt, changedAt, firstContact, firstContactMillis, at,
				this.qualifiedAt, this.disqualifiedAt, this.disqualificationReason, this.convertedAt, this.accountId,
				this.dealId, this.version);
	}

	/** A contacted lead is judged worth selling to. */
	public Lead qualify(Instant at) {
		if (this.status != LeadStatus.CONTACTED) {
			throw illegal("qualify");
		}
		requireNotBeforeLastChange(at);
		return moved(LeadStatus.QUALIFIED, at, at, this.disqualifiedAt, this.disqualificationReason, null, null,
				null);
	}

	/** The lead will not buy; final. */
	public Lead disqualify(String reason, Instant at) {
		if (this.status != LeadStatus.NEW && this.status != LeadStatus.CONTACTED
				&& this.status != LeadStatus.QUALIFIED) {
			throw illegal("disqualify");
		}
		requireNotBeforeLastChange(at);
		return moved(LeadStatus.DISQUALIFIED, at, this.qualifiedAt, at, reason, null, null, null);
	}

	/** 409 unless the lead may be converted: only a QUALIFIED lead becomes a deal. */
	public void requireConvertible(Instant at) {
		if (this.status != LeadStatus.QUALIFIED) {
			throw illegal("convert");
		}
		requireNotBeforeLastChange(at);
	}

	/** Sales created the account and deal: the lead is CONVERTED (final) and remembers them. */
	public Lead convert(String accountId, String dealId, Instant at) {
		requireConvertible(at);
		return moved(LeadStatus.CONVERTED, at, this.qualifiedAt, this.disqualifiedAt, this.disqualificationReason,
				at, accountId, dealId);
	}

	public Lead withScore(long score) {
		return new Lead(this.id, this.externalId, this.name, this.email, this.company, this.companySize,
				this.industry, this.region, this.segment, this.role, this.channel, this.campaignId, this.ownerId,
				this.status, score, this.engagementCounts, this.createdAt, this.statusChangedAt, this.firstContactAt,
				this.firstContactMillis, this.lastContactAt, this.qualifiedAt, this.disqualifiedAt,
				this.disqualificationReason, this.convertedAt, this.accountId, this.dealId, this.version);
	}

	private Lead moved(LeadStatus next, Instant at, Instant qualifiedAt, Instant disqualifiedAt, String reason,
			Instant convertedAt, String accountId, String dealId) {
		return new Lead(this.id, this.externalId, this.name, this.email, this.company, this.companySize,
				this.industry, this.region, this.segment, this.role, this.channel, this.campaignId, this.ownerId,
				next, this.score, this.engagementCounts, this.createdAt, at, this.firstContactAt,
				this.firstContactMillis, this.lastContactAt, qualifiedAt, disqualifiedAt, reason, convertedAt,
				accountId, dealId, this.version);
	}

	private ProblemException illegal(String action) {
		return ProblemException.conflict("cannot " + action + " lead " + this.id + ": it is " + this.status);
	}

	private void requireNotBeforeLastChange(Instant at) {
		Instant last = this.lastContactAt != null && this.lastContactAt.isAfter(this.statusChangedAt)
				? this.lastContactAt : this.statusChangedAt;
		if (at.isBefore(last)) {
			throw ProblemException.invalid("at", "must not be before the lead's last change (" + last + ")");
		}
	}
}
