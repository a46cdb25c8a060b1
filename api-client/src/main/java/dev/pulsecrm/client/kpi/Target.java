package dev.pulsecrm.client.kpi;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A KPI's goal: a floor ({@code min}) or a ceiling ({@code max}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Target(BigDecimal min, BigDecimal max) {
}
