package dev.pulsecrm.support.facts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bson.Document;

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

	/** The rollup dimension read for this {@code group_by}; null (the totals group) for the totals. */
	String rollupDimension() {
		return this.ticketField == null ? null : this.groupBy;
	}

	/**
	 * The rollup dimensions of a record: per dimension, the value of the ticket's field on {@code record} (a stored
	 * ticket, or a response's {@code linkedTicket}; null for a response without a ticket), {@code ""} when it has
	 * none. Readers put {@code ""} in the {@value #NONE} group, as the scans did with a missing or empty value.
	 */
	static Map<String, String> rollupDims(Document record) {
		Map<String, String> dims = new TreeMap<>();
		for (FactsDimension dimension : values()) {
			if (dimension.ticketField != null) {
				Object value = (record == null) ? null : record.get(dimension.ticketField);
				dims.put(dimension.groupBy, (value == null) ? "" : value.toString());
			}
		}
		return dims;
	}

	/** The group a rollup group value is reported in: {@value #NONE} for records without a value. */
	String group(String rollupValue) {
		if (this.ticketField == null) {
			return "";
		}
		return (rollupValue == null || rollupValue.isEmpty()) ? NONE : rollupValue;
	}

	/** The {@code $group} key expression over tickets (the scan oracle of the tests); null for the totals. */
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
