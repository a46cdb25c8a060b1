package dev.pulsecrm.sales.facts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The dimensions {@code SalesFacts.GetFacts} can split by, and which stored field carries each one. Deal facts are
 * split by the deal's own field (its owner and team; the region, segment and industry copied from its account at
 * creation; its campaign); customer counts by the account's field.
 */
enum FactsDimension {

	/** No split: one group holding the totals. */
	TOTAL("", null, null),
	OWNER("owner", "ownerId", "ownerId"),
	TEAM("team", "team", "team"),
	/** Only the stage facts and the pipeline at {@code to} have a stage. */
	STAGE("stage", null, null),
	/** Only lost deals have a loss reason. */
	LOSS_REASON("lossReason", null, null),
	REGION("region", "region", "region"),
	SEGMENT("segment", "segment", "segment"),
	INDUSTRY("industry", "industry", "industry"),
	/**
	 * A campaign brings deals: accounts have no campaign, so customer counts are not split by an account field; the
	 * new customers are attributed to the campaign of the deal whose win made them customers, which the account keeps
	 * ({@code acquiringCampaignId}, see {@link AccountRollupSource}).
	 */
	CAMPAIGN("campaign", "campaignId", null);

	final String key;

	/** The deal field holding this dimension, or null when deal facts cannot be split by it. */
	final String dealField;

	/** The account field holding this dimension, or null when customer counts cannot be split by it. */
	final String accountField;

	FactsDimension(String key, String dealField, String accountField) {
		this.key = key;
		this.dealField = dealField;
		this.accountField = accountField;
	}

	static Optional<FactsDimension> of(String groupBy) {
		return Arrays.stream(values()).filter((dimension) -> dimension.key.equals(groupBy)).findFirst();
	}

	boolean splitsDealFacts() {
		return this == TOTAL || this.dealField != null;
	}

	boolean splitsLostDeals() {
		return splitsDealFacts() || this == LOSS_REASON;
	}

	String lostDealField() {
		return this == LOSS_REASON ? "lossReason" : this.dealField;
	}

	boolean splitsStageFacts() {
		return splitsDealFacts() || this == STAGE;
	}

	boolean splitsCustomers() {
		return this == TOTAL || this.accountField != null;
	}
}
