package dev.troupe.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event publication log's upkeep ({@code troupe.events.*}).
 *
 * @param completedRetention how long a completed event publication is kept (for looking into what happened)
 * @param resubmitAfter an incomplete publication at least this old is handed to its listener again
 * @param maintenanceInterval how often a worker deletes old completed publications and resubmits incomplete ones
 */
@ConfigurationProperties("troupe.events")
record EventLogSettings(@DefaultValue("7d") Duration completedRetention, @DefaultValue("1m") Duration resubmitAfter,
		@DefaultValue("1h") Duration maintenanceInterval) {
}
