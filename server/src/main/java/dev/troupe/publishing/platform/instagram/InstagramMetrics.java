package dev.troupe.publishing.platform.instagram;

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
 * Instagram's numbers (Instagram API with Instagram Login): {@code like_count} and {@code comments_count} are fields
 * of the media ({@code instagram_business_basic}); views, reach, saves and shares come from
 * {@code /{media}/insights} ({@code instagram_business_manage_insights}). Insights Meta will not give for a media
 * (too few viewers, a metric the media type lacks, a token from before the permission was asked) are left out
 * rather than failing the counts; a media Instagram no longer has is left out entirely.
 */
final class InstagramMetrics {

	static final String INSIGHTS = "views,reach,saved,shares";
	static final MetricsSpec SPEC = new MetricsSpec(List.of(new Metric("like_count", "Likes", "reactions"),
			new Metric("comments_count", "Comments", "comments"), new Metric("shares", "Shares", "shares"),
			new Metric("views", "Views", "views"), new Metric("saved", "Saves", null),
			new Metric("reach", "Accounts reached", null)),
			List.of(new Metric("followers_count", "Followers", "followers"), new Metric("follows_count", "Following", null),
					new Metric("media_count", "Posts", null)));

	private final GraphClient graph;

	InstagramMetrics(GraphClient graph) {
		this.graph = graph;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts) throws PlatformException {
		var result = new LinkedHashMap<String, Map<String, Long>>();
		try {
			for (var post : posts) {
				if (post.remoteId() == null || post.remoteId().startsWith("container:")) {
					continue; // published, but Instagram never told us the media id
				}
				var media = graph.get(post.remoteId(), Map.of("fields", "like_count,comments_count"));
				if (GraphReads.gone(media)) {
					continue;
				}
				if (!media.ok()) {
					throw GraphReads.failure("Instagram", media, "instagram_business_basic");
				}
				var metrics = GraphReads.counts(media.body(), "like_count", "comments_count");
				var insights = graph.get(post.remoteId() + "/insights", Map.of("metric", INSIGHTS));
				if (insights.ok()) {
					metrics.putAll(GraphReads.insightValues(insights.body()));
				}
				else if (!GraphReads.missingPermission(insights) && insights.code() != 100) {
					throw GraphReads.failure("Instagram", insights, "instagram_business_manage_insights");
				}
				result.put(post.remoteId(), metrics);
			}
			return result;
		}
		catch (IOException | InterruptedException e) {
			throw GraphReads.unreachable("Instagram", e);
		}
	}

	Map<String, Long> account() throws PlatformException {
		try {
			var me = graph.get("me", Map.of("fields", "followers_count,follows_count,media_count"));
			if (!me.ok()) {
				throw GraphReads.failure("Instagram", me, "instagram_business_basic");
			}
			return GraphReads.counts(me.body(), "followers_count", "follows_count", "media_count");
		}
		catch (IOException | InterruptedException e) {
			throw GraphReads.unreachable("Instagram", e);
		}
	}
}
