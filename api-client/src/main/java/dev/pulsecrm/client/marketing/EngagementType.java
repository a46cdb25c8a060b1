package dev.pulsecrm.client.marketing;

public enum EngagementType {

	SENT, BOUNCED, OPENED, CLICKED, REPLIED

}
