package dev.pulsecrm.support.ticket;

/** How urgent a ticket is; the SLA policy has one pair of targets per priority. */
public enum Priority {

	LOW, NORMAL, HIGH, URGENT

}
