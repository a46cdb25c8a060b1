package dev.pulsecrm.client.marketing;

/** Where a campaign reaches people, where a lead came from, and what a survey's "heard from" answers. */
public enum Channel {

	EMAIL, SOCIAL, SEARCH_ADS, DISPLAY_ADS, TV, TRADE_SHOW, SEMINAR, WEBINAR, REFERRAL, OTHER

}
