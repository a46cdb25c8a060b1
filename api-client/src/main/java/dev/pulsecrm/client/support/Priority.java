package dev.pulsecrm.client.support;

public enum Priority {

	LOW, NORMAL, HIGH, URGENT

}
