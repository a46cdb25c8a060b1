package dev.pulsecrm.client.sales;

public enum ActivityType {

	CALL, EMAIL, MEETING, TASK

}
