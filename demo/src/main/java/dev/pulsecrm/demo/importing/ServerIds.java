package dev.pulsecrm.demo.importing;

/**
 * Ids only the servers know, learnt while loading: the account and deal each lead conversion created, and the ids
 * sales gave the imported accounts (support refers to accounts by sales' id).
 */
public interface ServerIds {

	String convertedAccountId(String leadExternalId);

	String convertedDealId(String leadExternalId);

	String importedAccountId(String accountExternalId);
}
