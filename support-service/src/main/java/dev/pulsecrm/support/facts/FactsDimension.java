package dev.pulsecrm.support.facts;

import java.util.Arrays;
import java.util.Optional;

/**
 * What {@code group_by} may split support facts by. Ticket facts use the ticket's own field; survey facts use the
 * copy of the linked ticket's field on the response, so a response without a ticket falls in the {@value #NONE}
 * group, as does a ticket without a category or team.
 */
enum FactsDimension {

	TOTAL("", null), PRIORITY("priority", "priority"), CHANNEL("channel", "channel"),
	CATEGORY("category", "category"), TEAM("team", "team");

	/** Group value of records that have no value for the dimension. */
	static final String NONE = "none";

	private final String groupBy;

	private final String ticketField;

	FactsDimension(String groupBy, String ticketField) {
		this.groupBy = groupBy;
		this.ticketField = ticketField;
	}

	static Optional<FactsDimension> of(String groupBy) {
		return Arrays.stream(values()).filter((dimension) -> dimension.groupBy.equals(groupBy)).findFirst();
	}

	String label() {
		return this.groupBy;
	}

	/** The {@code $group} key expression over tickets; null (one group) for the totals. */
	String ticketKey() {
		return this.ticketField == null ? null : "$" + this.ticketField;
	}

	/** The {@code $group} key expression over survey responses. */
	String surveyKey() {
		return this.ticketField == null ? null : "$linkedTicket." + this.ticketField;
	}

	static String supported() {
		return Arrays.stream(values()).map((dimension) -> "\"" + dimension.groupBy + "\"").toList().toString();
	}
}
