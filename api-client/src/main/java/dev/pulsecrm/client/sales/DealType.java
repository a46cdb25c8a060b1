package dev.pulsecrm.client.sales;

public enum DealType {

	NEW_BUSINESS, UPSELL, CROSS_SELL, RENEWAL

}
