package dev.pulsecrm.marketing.engagement;

import java.time.DayOfWeek;
import java.util.List;

/**
 * The best UTC hour of week to contact leads: the slot with the most OPENED and REPLIED events, and every slot's
 * count, best first. With no events the best slot is null.
 */
public record SendTime(String segment, DayOfWeek dayOfWeek, Integer hour, long events, List<Slot> ranking) {

	public record Slot(DayOfWeek dayOfWeek, int hour, long events) {
	}
}
