package dev.pulsecrm.marketing.lead;

/**
 * NEW → CONTACTED → QUALIFIED → CONVERTED, or DISQUALIFIED from any of the first three. CONVERTED and DISQUALIFIED
 * are final.
 */
public enum LeadStatus {

	NEW, CONTACTED, QUALIFIED, DISQUALIFIED, CONVERTED

}
