package dev.troupe.publishing.platform.tiktok;

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
 * TikTok's Display API: {@code POST /v2/video/query/} with up to 20 video ids ({@code video.list}), which returns only
 * the user's own videos that still exist, and {@code GET /v2/user/info/} with the stats fields
 * ({@code user.info.stats}). A post TikTok only knows by its publish id (an inbox upload, a private post) has no video
 * id and no numbers. Errors come in the same {@code error.code} envelope as publishing.
 */
final class TikTokMetrics {

	static final int BATCH = 20;
	private static final List<String> VIDEO_FIELDS = List.of("like_count", "comment_count", "share_count", "view_count");
	private static final List<String> USER_FIELDS = List.of("follower_count", "following_count", "likes_count", "video_count");
	static final MetricsSpec SPEC = new MetricsSpec(List.of(new Metric("like_count", "Likes", "reactions"),
			new Metric("comment_count", "Comments", "comments"), new Metric("share_count", "Shares", "shares"),
			new Metric("view_count", "Views", "views")),
			List.of(new Metric("follower_count", "Followers", "followers"), new Metric("following_count", "Following", null),
					new Metric("likes_count", "Likes received", null), new Metric("video_count", "Videos", null)));

	private final TikTokApi api;

	TikTokMetrics(TikTokApi api) {
		this.api = api;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts) throws PlatformException {
		var ids = posts.stream().map(PublishedPost::remoteId).filter(id -> id != null && id.matches("\\d+")).distinct().toList();
		var result = new LinkedHashMap<String, Map<String, Long>>();
		try {
			for (int from = 0; from < ids.size(); from += BATCH) {
				var body = TikTokApi.JSON.createObjectNode();
				var videoIds = body.putObject("filters").putArray("video_ids");
				ids.subList(from, Math.min(ids.size(), from + BATCH)).forEach(videoIds::add);
				var answer = api.post("/v2/video/query/?fields=id," + String.join(",", VIDEO_FIELDS), body);
				if (!answer.ok()) {
					throw failure(answer, "video.list");
				}
				for (var video : answer.data().path("videos")) {
					result.put(video.path("id").asString(), counts(video, VIDEO_FIELDS));
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
			var answer = api.get("/v2/user/info/?fields=open_id," + String.join(",", USER_FIELDS));
			if (!answer.ok()) {
				throw failure(answer, "user.info.stats");
			}
			return counts(answer.data().path("user"), USER_FIELDS);
		}
		catch (IOException | InterruptedException e) {
			throw unreachable(e);
		}
	}

	private static Map<String, Long> counts(JsonNode node, List<String> names) {
		var values = new LinkedHashMap<String, Long>();
		for (var name : names) {
			if (node.path(name).isNumber()) {
				values.put(name, node.path(name).asLong());
			}
		}
		return values;
	}

	private static PlatformException failure(TikTokApi.Answer answer, String scope) {
		var outcome = TikTokPlatform.classify(answer);
		if (outcome instanceof PublishOutcome.RateLimited limited) {
			return new InsightsRateLimited(limited.reason(), limited.until());
		}
		if (answer.code().equals("scope_not_authorized") || answer.code().equals("scope_permission_missed")) {
			return new PlatformException("TikTok: the account did not grant " + scope + " (" + answer.message()
					+ "); reconnect the channel to grant it", false);
		}
		return new PlatformException("TikTok: " + answer.message(), outcome instanceof PublishOutcome.TokenExpired);
	}

	private static PlatformException unreachable(Exception e) {
		if (e instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			return new PlatformException("interrupted", false, e);
		}
		return new PlatformException("could not reach TikTok (" + e.getClass().getSimpleName() + ")", false, e);
	}
}
