package dev.pulsecrm.marketing.engagement;

/** What happened to one campaign message for one lead. */
public enum EngagementType {

	SENT, BOUNCED, OPENED, CLICKED, REPLIED

}
