package dev.troupe.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.troupe.publishing.spi.PlatformDescriptor.Metric;

/** What the analytics API answers (docs/api.md, "Analytics"). Metrics keep the platform's own names. */
final class AnalyticsViews {

	private AnalyticsViews() {
	}

	record PublicationItem(UUID publicationId, UUID postId, UUID characterId, UUID channelId, String channelName,
			String platform, Instant publishedAt, String url, String excerpt, UUID thumbnailMediaId,
			Map<String, Long> metrics, Map<String, Long> common, long engagement, Instant sampledAt) {
	}

	record Totals(long reactions, long shares, long comments, Long views, long publications) {
	}

	record PlatformTotals(String platform, long publications, long reactions, long shares, long comments, Long views) {
	}

	record PublicationList(List<PublicationItem> items, Totals totals, List<PlatformTotals> byPlatform) {
	}

	record Point(Instant at, Map<String, Long> metrics, Map<String, Long> common) {
	}

	record PublicationDetail(UUID publicationId, UUID postId, UUID characterId, UUID channelId, String channelName,
			String platform, Instant publishedAt, String url, String excerpt, UUID thumbnailMediaId,
			Map<String, Long> metrics, Map<String, Long> common, long engagement, Instant sampledAt, List<Point> series,
			List<Metric> metricsSpec) {

		static PublicationDetail of(PublicationItem i, List<Point> series, List<Metric> spec) {
			return new PublicationDetail(i.publicationId(), i.postId(), i.characterId(), i.channelId(), i.channelName(),
					i.platform(), i.publishedAt(), i.url(), i.excerpt(), i.thumbnailMediaId(), i.metrics(), i.common(),
					i.engagement(), i.sampledAt(), series, spec);
		}
	}

	record DayPoint(LocalDate day, long publications, long engagement) {
	}

	record ChannelReport(UUID channelId, String platform, UUID characterId, List<Metric> metricsSpec,
			List<Point> series, List<DayPoint> engagementSeries) {
	}

	/** @param deferredUntil set while collection waits for publishing or a rate limit */
	record CollectionRow(UUID channelId, String platform, boolean supported, Instant lastRunAt, Instant nextRunAt,
			String lastError, Instant deferredUntil) {
	}
}
