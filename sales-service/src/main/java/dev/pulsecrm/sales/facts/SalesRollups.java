package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.pulsecrm.platform.rollup.Contribution;
import org.bson.Document;

/**
 * The names the sales rollups share between their writers ({@link DealRollupSource}, {@link AccountRollupSource})
 * and their reader ({@link SalesFactsCalculator}): families, dimensions, value names and distinct keys.
 *
 * <p>Facts per stage or per currency inside a group are value names with parts ({@code v:PROPOSAL},
 * {@code oc:PROPOSAL:EUR}), because a contribution's dimensions split groups one at a time, never two together. Each
 * variable part is escaped ({@code %} and {@code :}), so any stage key or currency reads back as written. Every
 * amount has a count beside it ({@code c:EUR} and {@code k:EUR}): a currency appears in a reply when a record in it
 * matched, even when its amounts sum to 0, exactly as the scans did.
 */
final class SalesRollups {

	// deal families
	/**
	 * At {@code wonAt}: count, cycle, lead-to-customer, amount per currency, and {@code u} for upsell and cross-sell
	 * deals. Summed for every split.
	 */
	static final String WON = "won";

	/**
	 * At {@code wonAt}, keyed by account: {@code a = 1}. A distinct family (the engine keeps each account's chain of
	 * wins): distinct accounts with a deal won in the period, in O(days) whatever the number of deals.
	 */
	static final String WON_ACCOUNT = "won_account";

	/**
	 * Keyed by account: each won deal's amount per currency at {@code wonAt}, and the account's {@code customerSince}
	 * with no values (written by {@link AccountRollupSource}). A distinct family whose first contribution is the
	 * {@code customerSince} ({@code AccountService.recordWin} keeps it the earliest win, so no deal of the account is
	 * earlier): the won amounts of the accounts first seen in the period are the revenue of new customers, in O(days).
	 */
	static final String WON_NEW = "won_new";

	/** At {@code wonAt} of an upsell or cross-sell deal, keyed by account: distinct accounts with an upsell won. */
	static final String WON_UPSELL = "won_upsell";

	/** At {@code lostAt}, also by loss reason. */
	static final String LOST = "lost";

	/**
	 * The stage facts, one family so that a visit's end, the next visit's start and the close at one instant are one
	 * contribution: at each visit's {@code exitedAt} its count and milliseconds ({@code v:}, {@code ms:}), at
	 * {@code closedAt} once per distinct stage entered ({@code ce:}, {@code we:}), and +1/+amount when a visit starts
	 * counting as open, −1/−amount when it stops ({@code od:}, {@code oc:}, read as a state at {@code to}). Summed
	 * over a period only {@code v}, {@code ms}, {@code ce}, {@code we} are read; as a state only {@code od}, {@code oc}.
	 */
	static final String STAGES = "stages";

	// account families
	/** +1 at {@code customerSince}, −1 at {@code churnedAt}: read as a state. */
	static final String CUSTOMER = "customer";

	/**
	 * At {@code customerSince}, by the account's fields and by {@code campaign}: the campaign of the deal whose win
	 * made the account a customer (kept on the account, {@code ""} when none).
	 */
	static final String NEW_CUSTOMER = "new_customer";

	/**
	 * At {@code churnedAt}, since {@code customerSince}, by the same dimensions as {@link #NEW_CUSTOMER}: read since
	 * the period's start, the new customers of the period that churned in it.
	 */
	static final String CHURN = "churn";

	// value names
	static final String COUNT_WON = "won";

	static final String CYCLE_MILLIS = "cycle";

	static final String LEAD_COUNT = "lead";

	static final String LEAD_MILLIS = "lead_ms";

	static final String WON_CENTS = "c";

	static final String WON_COUNT_IN = "k";

	static final String UPSELLS = "u";

	static final String ACCOUNTS_WON = "a";

	static final String LOSSES = "l";

	static final String VISITS = "v";

	static final String VISIT_MILLIS = "ms";

	static final String CLOSED_ENTERED = "ce";

	static final String WON_ENTERED = "we";

	static final String OPEN_DEALS = "od";

	static final String OPEN_CENTS = "oc";

	static final String CUSTOMERS = "cu";

	static final String NEW_CUSTOMERS = "nc";

	static final String CHURNED = "ch";

	/** The deal dimensions: group_by key → stored deal field. */
	static final Map<String, String> DEAL_DIMENSIONS = dimensions(FactsDimension.OWNER, FactsDimension.TEAM,
			FactsDimension.REGION, FactsDimension.SEGMENT, FactsDimension.INDUSTRY, FactsDimension.CAMPAIGN);

	/** The account dimensions: group_by key → stored account field. */
	static final Map<String, String> ACCOUNT_DIMENSIONS = new LinkedHashMap<>();

	static {
		for (FactsDimension dimension : FactsDimension.values()) {
			if (dimension.accountField != null) {
				ACCOUNT_DIMENSIONS.put(dimension.key, dimension.accountField);
			}
		}
	}

	private SalesRollups() {
	}

	private static Map<String, String> dimensions(FactsDimension... dimensions) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FactsDimension dimension : dimensions) {
			fields.put(dimension.key, dimension.dealField);
		}
		return fields;
	}

	/** The record's value of each dimension, {@code ""} when it has none (the scans grouped missing values so). */
	static Map<String, String> dims(Document stored, Map<String, String> fields) {
		Map<String, String> dims = new TreeMap<>();
		fields.forEach((dimension, field) -> dims.put(dimension, text(stored.get(field))));
		return dims;
	}

	static String text(Object value) {
		return Objects.toString(value, "");
	}

	static Instant instant(Object value) {
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	static long number(Object value) {
		return (value instanceof Number n) ? n.longValue() : 0;
	}

	/** A value name made of a prefix and escaped parts, e.g. {@code oc:PROPOSAL:EUR}. */
	static String name(String prefix, String... parts) {
		StringBuilder name = new StringBuilder(prefix);
		for (String part : parts) {
			name.append(':').append(escape(part, ':'));
		}
		return name.toString();
	}

	/** The parts after the prefix of a value name made by {@link #name}, or null when it has another prefix. */
	static List<String> parts(String name, String prefix) {
		if (!name.startsWith(prefix + ":")) {
			return null;
		}
		return split(name.substring(prefix.length() + 1), ':');
	}

	private static String escape(String part, char separator) {
		StringBuilder out = new StringBuilder(part.length());
		for (char c : part.toCharArray()) {
			if (c == '%') {
				out.append("%25");
			}
			else if (c == separator) {
				out.append(String.format("%%%02X", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static List<String> split(String joined, char separator) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		while (true) {
			int end = joined.indexOf(separator, start);
			String part = (end < 0) ? joined.substring(start) : joined.substring(start, end);
			parts.add(unescape(part));
			if (end < 0) {
				return parts;
			}
			start = end + 1;
		}
	}

	private static String unescape(String part) {
		if (part.indexOf('%') < 0) {
			return part;
		}
		StringBuilder out = new StringBuilder(part.length());
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			if (c == '%' && i + 2 < part.length()) {
				out.append((char) Integer.parseInt(part.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Collects a record's contributions, adding up those of one family at one instant with the same dimensions (a
	 * visit ending where the next starts is one contribution), and dropping values that cancel.
	 */
	static final class Collector {

		private final Map<List<Object>, Map<String, Long>> plain = new LinkedHashMap<>();

		private final List<Contribution> distinct = new ArrayList<>();

		void add(String family, Instant at, Map<String, String> dims, Map<String, Long> values) {
			Map<String, Long> sums = this.plain.computeIfAbsent(List.of(family, at, dims), (k) -> new TreeMap<>());
			values.forEach((name, value) -> sums.merge(name, value, Long::sum));
		}

		/** A contribution with a key or since: never merged. */
		void addDistinct(Contribution contribution) {
			this.distinct.add(contribution);
		}

		@SuppressWarnings("unchecked")
		List<Contribution> contributions() {
			List<Contribution> all = new ArrayList<>();
			this.plain.forEach((id, sums) -> {
				Map<String, Long> values = new TreeMap<>();
				sums.forEach((name, value) -> {
					if (value != 0) {
						values.put(name, value);
					}
				});
				if (!values.isEmpty()) {
					all.add(Contribution.of((String) id.get(0), (Instant) id.get(1), (Map<String, String>) id.get(2),
							values));
				}
			});
			all.addAll(this.distinct);
			return all;
		}
	}
}
