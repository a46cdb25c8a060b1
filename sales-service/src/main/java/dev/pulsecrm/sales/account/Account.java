package dev.pulsecrm.sales.account;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.pulsecrm.platform.problem.ProblemException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A company we sell to: {@code PROSPECT} until its first deal is won, then {@code CUSTOMER} (from {@code
 * customerSince}), then maybe {@code CHURNED}. The instants, not the status, define the customer facts ("active at t").
 */
@Document("accounts")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE)
public class Account {

	@Id
	private String id;

	@Indexed(unique = true, sparse = true)
	private String externalId;

	/** Set when the account was created by a lead conversion; unique so concurrent retries create one account. */
	@Indexed(unique = true, sparse = true)
	private String sourceLeadId;

	private String name;

	private String industry;

	private String region;

	private String segment;

	@Indexed
	private String ownerId;

	@Indexed
	private String team;

	@Indexed
	private AccountStatus status;

	private Instant createdAt;

	@Indexed(sparse = true)
	private Instant customerSince;

	/**
	 * The deal whose win made the account a customer: won at exactly {@code customerSince}, on a tie the smallest deal
	 * id. Kept with {@code customerSince} by {@link AccountService#recordWin}, so the new customers split by the
	 * campaign that brought them without joining deals when facts are read. Null for a prospect, and for a customer
	 * stored before the field existed that {@link AcquiringDealBackfill} has not reached or found no such deal for.
	 */
	@JsonIgnore
	private String acquiringDealId;

	/** The campaign of {@link #acquiringDealId}, null when that deal had none (a deal's campaign never changes). */
	@JsonIgnore
	private String acquiringCampaignId;

	@Indexed(sparse = true)
	private Instant churnedAt;

	private String churnReason;

	@Version
	@JsonIgnore
	private Long version;

	Account() {
		// for the object mapper
	}

	Account(String externalId, String sourceLeadId, String name, String industry, String region, String segment,
			String ownerId, String team, Instant createdAt) {
		this.externalId = externalId;
		this.sourceLeadId = sourceLeadId;
		this.name = name;
		this.industry = industry;
		this.region = region;
		this.segment = segment;
		this.ownerId = ownerId;
		this.team = team;
		this.status = AccountStatus.PROSPECT;
		this.createdAt = createdAt;
	}

	public enum AccountStatus {

		PROSPECT, CUSTOMER, CHURNED

	}

	/** A customer stops buying: only a {@code CUSTOMER} can churn, and not before it became one. */
	void churn(String reason, Instant at) {
		if (this.status != AccountStatus.CUSTOMER) {
			throw ProblemException.conflict("cannot churn account " + this.id + ": it is " + this.status);
		}
		if (at.isBefore(this.customerSince)) {
			throw ProblemException.invalid("at", "must not be before customerSince (" + this.customerSince + ")");
		}
		this.status = AccountStatus.CHURNED;
		this.churnedAt = at;
		this.churnReason = reason;
	}

	public String id() {
		return this.id;
	}

	public String externalId() {
		return this.externalId;
	}

	public String sourceLeadId() {
		return this.sourceLeadId;
	}

	public String name() {
		return this.name;
	}

	public String industry() {
		return this.industry;
	}

	public String region() {
		return this.region;
	}

	public String segment() {
		return this.segment;
	}

	public String ownerId() {
		return this.ownerId;
	}

	public String team() {
		return this.team;
	}

	public AccountStatus status() {
		return this.status;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant customerSince() {
		return this.customerSince;
	}

	public String acquiringDealId() {
		return this.acquiringDealId;
	}

	public String acquiringCampaignId() {
		return this.acquiringCampaignId;
	}

	public Instant churnedAt() {
		return this.churnedAt;
	}

	public String churnReason() {
		return this.churnReason;
	}

	public Long version() {
		return this.version;
	}
}
