package dev.troupe.publishing.platform.facebook;

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
import tools.jackson.databind.JsonNode;

/**
 * A Page's numbers with the Page token ({@code pages_read_engagement}, already asked for): the summaries of a
 * post's {@code reactions} and {@code comments} edges ({@code .limit(0)} reads only the totals) and its
 * {@code shares.count}; a video (an id without the page prefix) has no shares field. The Page's
 * {@code followers_count} and {@code fan_count} (its likes). Page Insights views are not read: Meta replaced them in
 * 2025 and they need the ANALYZE task, which not every Page role has.
 */
final class FacebookMetrics {

	private static final String ENGAGEMENT = "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)";
	private static final String PERMISSION = "pages_read_engagement";
	static final MetricsSpec SPEC = new MetricsSpec(List.of(new Metric("reactions", "Reactions", "reactions"),
			new Metric("comments", "Comments", "comments"), new Metric("shares", "Shares", "shares")),
			List.of(new Metric("followers_count", "Followers", "followers"), new Metric("fan_count", "Page likes", null)));

	private final GraphClient graph;
	private final String pageId;

	FacebookMetrics(GraphClient graph, String pageId) {
		this.graph = graph;
		this.pageId = pageId;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts) throws PlatformException {
		var result = new LinkedHashMap<String, Map<String, Long>>();
		try {
			for (var post : posts) {
				var feedPost = post.remoteId().contains("_");
				var answer = graph.get(post.remoteId(), Map.of("fields", feedPost ? ENGAGEMENT + ",shares" : ENGAGEMENT));
				if (GraphReads.gone(answer)) {
					continue;
				}
				if (!answer.ok()) {
					throw GraphReads.failure("Facebook", answer, PERMISSION);
				}
				var metrics = new LinkedHashMap<String, Long>();
				total(answer.body().path("reactions"), metrics, "reactions");
				total(answer.body().path("comments"), metrics, "comments");
				if (answer.body().path("shares").path("count").isNumber()) {
					metrics.put("shares", answer.body().path("shares").path("count").asLong());
				}
				else if (feedPost) {
					metrics.put("shares", 0L); // Graph leaves the field out of a post nobody shared
				}
				result.put(post.remoteId(), metrics);
			}
			return result;
		}
		catch (IOException | InterruptedException e) {
			throw GraphReads.unreachable("Facebook", e);
		}
	}

	Map<String, Long> account() throws PlatformException {
		try {
			var page = graph.get(pageId, Map.of("fields", "followers_count,fan_count"));
			if (!page.ok()) {
				throw GraphReads.failure("Facebook", page, PERMISSION);
			}
			return GraphReads.counts(page.body(), "followers_count", "fan_count");
		}
		catch (IOException | InterruptedException e) {
			throw GraphReads.unreachable("Facebook", e);
		}
	}

	private static void total(JsonNode edge, Map<String, Long> metrics, String name) {
		var count = edge.path("summary").path("total_count");
		if (count.isNumber()) {
			metrics.put(name, count.asLong());
		}
	}
}
