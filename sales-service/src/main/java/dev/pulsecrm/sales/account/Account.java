package dev.pulsecrm.sales.account;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A company we sell to: {@code PROSPECT} until its first deal is won, then {@code CUSTOMER}, maybe {@code CHURNED}. */
@Document("accounts")
public record Account(@Id String id, @Indexed(unique = true, sparse = true) String externalId, String name,
		String industry, String region, String segment, String ownerId, String team, AccountStatus status,
		Instant createdAt, Instant customerSince, Instant churnedAt, String churnReason, @Version Long version) {

	public enum AccountStatus {

		PROSPECT, CUSTOMER, CHURNED

	}

	/** The account after a won deal: the first win makes it a customer, later wins change nothing. */
	public Account wonDealAt(Instant at) {
		if (this.customerSince != null) {
			return this;
		}
		return new Account(this.id, this.externalId, this.name, this.industry, this.region, this.segment,
				this.ownerId, this.team, AccountStatus.CUSTOMER, this.createdAt, at, this.churnedAt, this.churnReason,
				this.version);
	}
}
