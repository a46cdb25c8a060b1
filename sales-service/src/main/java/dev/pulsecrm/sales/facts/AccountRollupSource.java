package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import org.bson.Document;

import org.springframework.stereotype.Component;

import static dev.pulsecrm.sales.facts.SalesRollups.instant;
import static dev.pulsecrm.sales.facts.SalesRollups.text;

/**
 * What a stored account adds to the sales rollups: its customer life ({@code customerSince} to {@code churnedAt}),
 * split by the account's own fields. {@code customerSince} changes by conditional updates
 * ({@code AccountService.recordWin}), which refresh the rollups themselves.
 */
@Component
class AccountRollupSource implements RollupSource {

	@Override
	public String collection() {
		return "accounts";
	}

	@Override
	public String version() {
		return "sales-accounts-3";
	}

	@Override
	public java.util.Set<String> firstSeenFamilies() {
		return java.util.Set.of(SalesRollups.WON_NEW);
	}

	@Override
	public List<Contribution> contributions(Document account) {
		SalesRollups.Collector out = new SalesRollups.Collector();
		Map<String, String> dims = SalesRollups.dims(account, SalesRollups.ACCOUNT_DIMENSIONS);
		String id = text(account.get("_id"));
		Instant since = instant(account.get("customerSince"));
		Instant churnedAt = instant(account.get("churnedAt"));
		if (since != null) {
			out.addDistinct(Contribution
				.of(SalesRollups.NEW_CUSTOMER, since, dims, Map.of(SalesRollups.NEW_CUSTOMERS, 1L))
				.withKey(SalesRollups.key(id, Long.toString(since.toEpochMilli()))));
			// the first contribution of the account's chain of won amounts (see SalesRollups.WON_NEW)
			out.addDistinct(Contribution.of(SalesRollups.WON_NEW, since, Map.of(), Map.of()).withKey(id));
			// active at t: customerSince < t and (never churned or churnedAt ≥ t); a churn before customerSince
			// (not possible through the service) leaves the account never active, as the scans saw it
			if (churnedAt == null || !churnedAt.isBefore(since)) {
				out.add(SalesRollups.CUSTOMER, since, dims, Map.of(SalesRollups.CUSTOMERS, 1L));
				if (churnedAt != null) {
					out.add(SalesRollups.CUSTOMER, churnedAt, dims, Map.of(SalesRollups.CUSTOMERS, -1L));
				}
			}
		}
		if (churnedAt != null) {
			Contribution churn = Contribution.of(SalesRollups.CHURN, churnedAt, dims, Map.of(SalesRollups.CHURNED, 1L))
				.withKey(id);
			out.addDistinct((since != null && !since.isAfter(churnedAt)) ? churn.withSince(since) : churn);
		}
		return out.contributions();
	}
}
