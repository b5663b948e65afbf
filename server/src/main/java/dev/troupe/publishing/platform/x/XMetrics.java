package dev.troupe.publishing.platform.x;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.PlatformDescriptor.Metric;
import dev.troupe.publishing.spi.PlatformDescriptor.MetricsSpec;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.InsightsRateLimited;
import tools.jackson.databind.JsonNode;

/**
 * X's public metrics (scopes {@code tweet.read} and {@code users.read}, already asked for): Post lookup
 * {@code GET /2/tweets?ids=…&tweet.fields=public_metrics}, up to 100 ids a call, where a deleted Post comes back in
 * {@code errors} (resource-not-found) instead of {@code data}; and {@code GET /2/users/me?user.fields=public_metrics}.
 * A 429 waits for {@code x-rate-limit-reset}, like publishing.
 */
final class XMetrics {

	static final int BATCH = 100;
	private static final List<String> POST_METRICS = List.of("like_count", "retweet_count", "reply_count", "quote_count",
			"bookmark_count", "impression_count");
	private static final List<String> ACCOUNT_METRICS = List.of("followers_count", "following_count", "tweet_count",
			"listed_count");
	static final MetricsSpec SPEC = new MetricsSpec(List.of(new Metric("like_count", "Likes", "reactions"),
			new Metric("retweet_count", "Reposts", "shares"), new Metric("reply_count", "Replies", "comments"),
			new Metric("impression_count", "Impressions", "views"), new Metric("quote_count", "Quotes", null),
			new Metric("bookmark_count", "Bookmarks", null)),
			List.of(new Metric("followers_count", "Followers", "followers"), new Metric("following_count", "Following", null),
					new Metric("tweet_count", "Posts", null), new Metric("listed_count", "Listed", null)));

	private final XClient client;

	XMetrics(XClient client) {
		this.client = client;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts) throws PlatformException {
		var ids = posts.stream().map(PublishedPost::remoteId).filter(id -> id != null && id.matches("\\d+")).distinct().toList();
		var result = new LinkedHashMap<String, Map<String, Long>>();
		try {
			for (int from = 0; from < ids.size(); from += BATCH) {
				var batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
				var answer = client.get("/2/tweets", Map.of("ids", String.join(",", batch), "tweet.fields", "public_metrics"));
				if (answer.status() != 200) {
					throw failure(answer);
				}
				// Posts X no longer has are listed in errors and simply not in data
				for (var post : answer.body().path("data")) {
					result.put(post.path("id").asString(), counts(post.path("public_metrics"), POST_METRICS));
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
			var me = client.get("/2/users/me", Map.of("user.fields", "public_metrics"));
			if (!me.ok()) {
				throw failure(me);
			}
			return counts(me.body().path("data").path("public_metrics"), ACCOUNT_METRICS);
		}
		catch (IOException | InterruptedException e) {
			throw unreachable(e);
		}
	}

	private static Map<String, Long> counts(JsonNode metrics, List<String> names) {
		var values = new LinkedHashMap<String, Long>();
		for (var name : names) {
			if (metrics.path(name).isNumber()) {
				values.put(name, metrics.path(name).asLong());
			}
		}
		return values;
	}

	private static PlatformException failure(XResponse response) {
		if (response.status() == 429) {
			var limited = XErrors.limited(response, Instant.now());
			return new InsightsRateLimited(limited.reason(), limited.until());
		}
		return new PlatformException("X: " + response.message() + " (" + response.status() + ")", response.status() == 401);
	}

	private static PlatformException unreachable(Exception e) {
		if (e instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			return new PlatformException("interrupted", false, e);
		}
		return new PlatformException("could not reach X (" + e.getClass().getSimpleName() + ")", false, e);
	}
}
