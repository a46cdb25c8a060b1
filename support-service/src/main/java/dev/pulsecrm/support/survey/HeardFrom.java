package dev.pulsecrm.support.survey;

/** "How did you hear about us": the marketing channels of API.md, so answers line up with campaign channels. */
public enum HeardFrom {

	EMAIL, SOCIAL, SEARCH_ADS, DISPLAY_ADS, TV, TRADE_SHOW, SEMINAR, WEBINAR, REFERRAL, OTHER

}
