package dev.troupe.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often metrics are sampled and how long samples are kept.
 *
 * @param retentionDays samples older than this are deleted (each publication's latest numbers are kept)
 * @param freshInterval how often a post is sampled during its first {@code freshFor}
 * @param freshFor how long a post counts as fresh (its numbers move fastest then)
 * @param matureInterval how often it is sampled afterwards, until {@code trackFor}
 * @param trackFor how long after publishing a post is sampled at all
 * @param accountInterval how often account numbers (followers…) are sampled
 * @param publishingWindow collection leaves a channel alone while a publication is due within this window
 * @param sweepInterval how often every channel is checked to have its collection task
 */
@ConfigurationProperties("troupe.analytics")
record AnalyticsSettings(@DefaultValue("730") int retentionDays, @DefaultValue("1h") Duration freshInterval,
		@DefaultValue("48h") Duration freshFor, @DefaultValue("24h") Duration matureInterval,
		@DefaultValue("30d") Duration trackFor, @DefaultValue("6h") Duration accountInterval,
		@DefaultValue("10m") Duration publishingWindow, @DefaultValue("10m") Duration sweepInterval) {

	/** When a post published at {@code publishedAt} and last sampled at {@code sampledAt} is next due, or null. */
	java.time.Instant nextSample(java.time.Instant publishedAt, java.time.Instant sampledAt) {
		if (sampledAt == null) {
			return publishedAt;
		}
		var interval = sampledAt.isBefore(publishedAt.plus(freshFor)) ? freshInterval : matureInterval;
		var next = sampledAt.plus(interval);
		return next.isAfter(publishedAt.plus(trackFor)) ? null : next;
	}
}
