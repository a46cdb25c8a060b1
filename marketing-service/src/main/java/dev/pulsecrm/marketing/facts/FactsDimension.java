package dev.pulsecrm.marketing.facts;

import java.util.Arrays;
import java.util.Optional;

/**
 * What {@code group_by} may split marketing facts by, and which stored field carries that dimension for each kind of
 * record. Leads carry their own channel, campaign, region, industry and segment. Spend carries its campaign's channel
 * and targeting (region, industry, segment). Engagement pairs carry their campaign's channel and the lead's region,
 * industry and segment. The mailing list has no dimension at all.
 */
enum FactsDimension {

	NONE("", null, null, null), CHANNEL("channel", "channel", "campaignChannel", "campaignChannel"),
	CAMPAIGN("campaign", "campaignId", "campaignId", "campaignId"),
	REGION("region", "region", "campaignRegion", "leadRegion"),
	INDUSTRY("industry", "industry", "campaignIndustry", "leadIndustry"),
	SEGMENT("segment", "segment", "campaignSegment", "leadSegment");

	/** The group value of records that lack the dimension (a lead without campaign, an untargeted campaign). */
	static final String MISSING = "none";

	private final String groupBy;

	final String leadField;

	final String spendField;

	final String eventField;

	FactsDimension(String groupBy, String leadField, String spendField, String eventField) {
		this.groupBy = groupBy;
		this.leadField = leadField;
		this.spendField = spendField;
		this.eventField = eventField;
	}

	static Optional<FactsDimension> of(String groupBy) {
		return Arrays.stream(values()).filter((dimension) -> dimension.groupBy.equals(groupBy)).findFirst();
	}

	String groupBy() {
		return this.groupBy;
	}

	/** The group a stored value belongs to: one group for NONE, {@link #MISSING} for records without a value. */
	String groupOf(Object value) {
		if (this == NONE) {
			return "";
		}
		return value == null ? MISSING : value.toString();
	}
}
