package dev.pulsecrm.client.sales;

public enum DealStatus {

	OPEN, WON, LOST

}
