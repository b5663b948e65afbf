package dev.troupe.publishing.platform.threads;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphReads;
import dev.troupe.publishing.spi.PlatformDescriptor.Metric;
import dev.troupe.publishing.spi.PlatformDescriptor.MetricsSpec;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;

/**
 * Threads' numbers (Threads Insights API, {@code threads_manage_insights}): per post {@code /{media}/insights} with
 * views, likes, replies, reposts, quotes and shares; per profile {@code /{user}/threads_insights} with
 * {@code followers_count} (a total). Threads has no counts outside insights, so a missing permission fails the
 * read with a reconnect hint; a post Threads no longer has is left out.
 */
final class ThreadsMetrics {

	static final String INSIGHTS = "views,likes,replies,reposts,quotes,shares";
	static final MetricsSpec SPEC = new MetricsSpec(List.of(new Metric("likes", "Likes", "reactions"),
			new Metric("replies", "Replies", "comments"), new Metric("reposts", "Reposts", "shares"),
			new Metric("views", "Views", "views"), new Metric("quotes", "Quotes", null), new Metric("shares", "Sends", null)),
			List.of(new Metric("followers_count", "Followers", "followers")));
	private static final String PERMISSION = "threads_manage_insights";

	private final GraphClient graph;
	private final String userId;

	ThreadsMetrics(GraphClient graph, String userId) {
		this.graph = graph;
		this.userId = userId;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts) throws PlatformException {
		var result = new LinkedHashMap<String, Map<String, Long>>();
		try {
			for (var post : posts) {
				if (post.remoteId() == null || post.remoteId().startsWith("container:")) {
					continue; // published, but Threads never told us the media id
				}
				var insights = graph.get(post.remoteId() + "/insights", Map.of("metric", INSIGHTS));
				if (GraphReads.gone(insights)) {
					continue;
				}
				if (!insights.ok()) {
					throw GraphReads.failure("Threads", insights, PERMISSION);
				}
				result.put(post.remoteId(), GraphReads.insightValues(insights.body()));
			}
			return result;
		}
		catch (IOException | InterruptedException e) {
			throw GraphReads.unreachable("Threads", e);
		}
	}

	Map<String, Long> account() throws PlatformException {
		try {
			var insights = graph.get(userId + "/threads_insights", Map.of("metric", "followers_count"));
			if (!insights.ok()) {
				throw GraphReads.failure("Threads", insights, PERMISSION);
			}
			return GraphReads.insightValues(insights.body());
		}
		catch (IOException | InterruptedException e) {
			throw GraphReads.unreachable("Threads", e);
		}
	}
}
