package dev.pulsecrm.marketing.scoring;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

import dev.pulsecrm.marketing.lead.Lead;

/** The lead attributes a scoring rule may test: the lead's own scalar fields, never its status or history. */
public enum ScoredField {

	NAME("name", Lead::name), EMAIL("email", Lead::email), COMPANY("company", Lead::company),
	COMPANY_SIZE("companySize", Lead::companySize), INDUSTRY("industry", Lead::industry),
	REGION("region", Lead::region), SEGMENT("segment", Lead::segment), ROLE("role", Lead::role),
	CHANNEL("channel", Lead::channel), CAMPAIGN_ID("campaignId", Lead::campaignId),
	OWNER_ID("ownerId", Lead::ownerId);

	private final String apiName;

	private final Function<Lead, Object> accessor;

	ScoredField(String apiName, Function<Lead, Object> accessor) {
		this.apiName = apiName;
		this.accessor = accessor;
	}

	public static Optional<ScoredField> byName(String name) {
		return Arrays.stream(values()).filter((field) -> field.apiName.equals(name)).findFirst();
	}

	public String apiName() {
		return this.apiName;
	}

	/** Whether GTE/LTE apply: only numeric attributes are ordered. */
	public boolean numeric() {
		return this == COMPANY_SIZE;
	}

	/** The lead's value, or null when it has none. */
	public Object valueOf(Lead lead) {
		return this.accessor.apply(lead);
	}
}
