package dev.pulsecrm.marketing.lead;

import java.time.Instant;

/** {@code POST /leads/{id}/qualify}: {@code at} optional. */
public record QualifyLead(Instant at) {
}
