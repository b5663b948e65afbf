package dev.troupe.publishing.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Optional for adapters: the numbers a platform's official API reports about the channel's own posts and
 * account. An adapter that implements it declares the metrics in {@link PlatformDescriptor#metrics()}; names are
 * the platform's own. Calls are read-only and may be batched by the adapter where the API allows.
 */
public interface PlatformInsights {

	/**
	 * Metrics of published posts, keyed by {@link PublishedPost#remoteId()}. A post the platform no longer has is
	 * absent from the result; a metric the platform did not return is absent from its map (never an invented 0).
	 */
	Map<String, Map<String, Long>> publicationMetrics(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException;

	/** Account metrics now (followers, following, posts…), by the platform's own names. */
	Map<String, Long> accountMetrics(ChannelContext channel) throws PlatformException;

	/** A post as Troupe published it: the remote id and URL from {@link PublishOutcome.Published}. */
	record PublishedPost(String remoteId, String url, Instant publishedAt) {
	}
}
