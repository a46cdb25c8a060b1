package dev.pulsecrm.demo.story;

import dev.pulsecrm.demo.importing.ServerIds;

/** Server ids made up from the external ids, so rendered lines can be checked without a server. */
public final class FakeServerIds implements ServerIds {

	@Override
	public String convertedAccountId(String leadExternalId) {
		return "account-of-" + leadExternalId;
	}

	@Override
	public String convertedDealId(String leadExternalId) {
		return "deal-of-" + leadExternalId;
	}

	@Override
	public String importedAccountId(String accountExternalId) {
		return "id-of-" + accountExternalId;
	}
}
