package dev.pulsecrm.marketing.subscription;

public enum SubscriptionType {

	SUBSCRIBED, UNSUBSCRIBED

}
