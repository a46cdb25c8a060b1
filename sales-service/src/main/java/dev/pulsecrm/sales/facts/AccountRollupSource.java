package dev.pulsecrm.sales.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.pulsecrm.platform.rollup.Contribution;
import dev.pulsecrm.platform.rollup.RollupSource;
import org.bson.Document;

import org.springframework.stereotype.Component;

import static dev.pulsecrm.sales.facts.SalesRollups.instant;
import static dev.pulsecrm.sales.facts.SalesRollups.text;

/**
 * What a stored account adds to the sales rollups: its customer life ({@code customerSince} to {@code churnedAt}),
 * split by the account's own fields; the new customers and their churns also by {@code campaign}, the campaign of the
 * deal whose win made the account a customer ({@code acquiringCampaignId}, {@code ""} when none), so the split by
 * campaign reads them as sums like any other split. {@code customerSince} and the acquiring deal change by conditional
 * updates ({@code AccountService.recordWin}, {@code AcquiringDealBackfill}), which refresh the rollups themselves.
 */
@Component
class AccountRollupSource implements RollupSource {

	@Override
	public String collection() {
		return "accounts";
	}

	@Override
	public String version() {
		return "sales-accounts-4";
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
		Map<String, String> acquiredDims = new TreeMap<>(dims);
		acquiredDims.put(FactsDimension.CAMPAIGN.key, text(account.get("acquiringCampaignId")));
		if (since != null) {
			out.add(SalesRollups.NEW_CUSTOMER, since, acquiredDims, Map.of(SalesRollups.NEW_CUSTOMERS, 1L));
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
			if (since != null && !since.isAfter(churnedAt)) {
				out.addDistinct(Contribution
					.of(SalesRollups.CHURN, churnedAt, acquiredDims, Map.of(SalesRollups.CHURNED, 1L))
					.withSince(since));
			}
			else {
				out.add(SalesRollups.CHURN, churnedAt, acquiredDims, Map.of(SalesRollups.CHURNED, 1L));
			}
		}
		return out.contributions();
	}
}
