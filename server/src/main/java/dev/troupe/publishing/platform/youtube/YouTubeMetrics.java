package dev.troupe.publishing.platform.youtube;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.PlatformDescriptor.Metric;
import dev.troupe.publishing.spi.PlatformDescriptor.MetricsSpec;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.InsightsRateLimited;
import tools.jackson.databind.JsonNode;

/**
 * YouTube Data API statistics ({@code youtube.readonly}, already asked for to list channels): {@code videos.list
 * part=statistics} with up to 50 ids a call (1 quota unit each), where a deleted or private-to-others video is simply
 * not among the items; {@code channels.list part=statistics mine=true}. Counts are JSON strings; a count the owner
 * hid (likes, comments when disabled) is absent. A spent quota waits for midnight Pacific time, as uploads do.
 */
final class YouTubeMetrics {

	static final int BATCH = 50;
	static final MetricsSpec SPEC = new MetricsSpec(List.of(new Metric("viewCount", "Views", "views"),
			new Metric("likeCount", "Likes", "reactions"), new Metric("commentCount", "Comments", "comments")),
			List.of(new Metric("subscriberCount", "Subscribers", "followers"), new Metric("videoCount", "Videos", null),
					new Metric("viewCount", "Channel views", null)));

	private final YouTubeApi api;

	YouTubeMetrics(YouTubeApi api) {
		this.api = api;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts) throws PlatformException {
		var ids = posts.stream().map(PublishedPost::remoteId).filter(id -> id != null && !id.isBlank()).distinct().toList();
		var result = new LinkedHashMap<String, Map<String, Long>>();
		try {
			for (int from = 0; from < ids.size(); from += BATCH) {
				var batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
				var answer = api.get("/youtube/v3/videos", Map.of("part", "statistics", "id", String.join(",", batch),
						"maxResults", String.valueOf(BATCH)));
				if (!answer.ok()) {
					throw failure(answer);
				}
				for (var item : answer.body().path("items")) {
					result.put(item.path("id").asString(), counts(item.path("statistics"), "viewCount", "likeCount", "commentCount"));
				}
			}
			return result;
		}
		catch (IOException | InterruptedException e) {
			throw unreachable(e);
		}
	}

	Map<String, Long> account() throws PlatformException {
		try {
			var answer = api.get("/youtube/v3/channels", Map.of("part", "statistics", "mine", "true"));
			if (!answer.ok()) {
				throw failure(answer);
			}
			var statistics = answer.body().path("items").path(0).path("statistics");
			return statistics.path("hiddenSubscriberCount").asBoolean(false) ? counts(statistics, "videoCount", "viewCount")
					: counts(statistics, "subscriberCount", "videoCount", "viewCount");
		}
		catch (IOException | InterruptedException e) {
			throw unreachable(e);
		}
	}

	/** Statistics are strings ("1234"); one that is missing or not a number stays absent. */
	private static Map<String, Long> counts(JsonNode statistics, String... names) {
		var values = new LinkedHashMap<String, Long>();
		for (var name : names) {
			try {
				if (statistics.hasNonNull(name)) {
					values.put(name, Long.parseLong(statistics.path(name).asString()));
				}
			}
			catch (NumberFormatException notACount) {
				// left out rather than invented
			}
		}
		return values;
	}

	private static PlatformException failure(YouTubeApi.Answer answer) {
		var outcome = YouTubePlatform.classify(answer);
		if (outcome instanceof PublishOutcome.RateLimited limited) {
			return new InsightsRateLimited(limited.reason(), limited.until());
		}
		if ("insufficientPermissions".equals(answer.reason()) || "ACCESS_TOKEN_SCOPE_INSUFFICIENT".equals(answer.reason())) {
			return new PlatformException("YouTube: " + answer.message() + " (the channel lacks the youtube.readonly scope: "
					+ "reconnect it to grant it)", false);
		}
		return new PlatformException("YouTube: " + answer.message() + " (" + answer.status() + ")", answer.status() == 401);
	}

	private static PlatformException unreachable(Exception e) {
		if (e instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			return new PlatformException("interrupted", false, e);
		}
		return new PlatformException("could not reach YouTube (" + e.getClass().getSimpleName() + ")", false, e);
	}
}
