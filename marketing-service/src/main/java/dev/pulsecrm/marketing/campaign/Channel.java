package dev.pulsecrm.marketing.campaign;

/** Where a campaign reaches people, and where a lead came from. */
public enum Channel {

	EMAIL, SOCIAL, SEARCH_ADS, DISPLAY_ADS, TV, TRADE_SHOW, SEMINAR, WEBINAR, REFERRAL, OTHER

}
