package dev.pulsecrm.client.marketing;

public enum LeadStatus {

	NEW, CONTACTED, QUALIFIED, DISQUALIFIED, CONVERTED

}
