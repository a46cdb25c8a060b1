package dev.pulsecrm.client.marketing;

public enum SubscriptionType {

	SUBSCRIBED, UNSUBSCRIBED

}
