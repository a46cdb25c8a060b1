package dev.pulsecrm.client.marketing;

import java.time.DayOfWeek;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The best UTC hour of week to contact leads (null without events), and every slot's count, best first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendTime(String segment, DayOfWeek dayOfWeek, Integer hour, long events, List<Slot> ranking) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Slot(DayOfWeek dayOfWeek, int hour, long events) {
	}
}
