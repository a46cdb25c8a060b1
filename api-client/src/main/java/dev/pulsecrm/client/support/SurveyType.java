package dev.pulsecrm.client.support;

/** NPS scores 0–10, CSAT 1–5. */
public enum SurveyType {

	NPS, CSAT

}
