package dev.troupe.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One published publication as analytics keeps it: where it is, and its latest numbers (empty before a sample). */
record Tracked(UUID publicationId, UUID postId, UUID channelId, UUID characterId, String platform, String remoteId,
		String url, Instant publishedAt, String excerpt, UUID thumbnailId, Instant sampledAt, Map<String, Long> metrics,
		Common common, long engagement) {

	/** The cross-platform numbers; null where the platform reports nothing that maps to it. */
	record Common(Long reactions, Long shares, Long comments, Long views) {

		static final Common NONE = new Common(null, null, null, null);

		long engagement() {
			return zero(reactions) + zero(shares) + zero(comments);
		}

		private static long zero(Long value) {
			return value == null ? 0 : value;
		}
	}
}
