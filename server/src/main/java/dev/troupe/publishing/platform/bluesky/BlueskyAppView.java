package dev.troupe.publishing.platform.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts from a Bluesky AppView: the PDS stores posts, the AppView counts likes, reposts, replies, quotes and
 * followers. Public reads need no session. {@code app.bsky.feed.getPosts} takes at most 25 at-uris per call; posts
 * it does not return (deleted, taken down) are left out. The AppView is the channel setting {@code appViewUrl},
 * else the server's ({@code TROUPE_BLUESKY_APPVIEW_URL}), by default the public AppView.
 */
final class BlueskyAppView {

	static final String PUBLIC_APPVIEW = "https://public.api.bsky.app";
	static final int MAX_URIS = 25;

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json;
	private final String defaultUrl;

	BlueskyAppView(JsonMapper json, String defaultUrl) {
		this.json = json;
		this.defaultUrl = defaultUrl == null || defaultUrl.isBlank() ? PUBLIC_APPVIEW : defaultUrl;
	}

	Map<String, Map<String, Long>> posts(List<String> uris, ChannelContext channel) throws PlatformException {
		var result = new LinkedHashMap<String, Map<String, Long>>();
		for (int i = 0; i < uris.size(); i += MAX_URIS) {
			var query = new StringJoiner("&");
			uris.subList(i, Math.min(uris.size(), i + MAX_URIS)).forEach(uri -> query.add("uris=" + encode(uri)));
			var response = get(channel, "app.bsky.feed.getPosts?" + query);
			for (var post : response.body().path("posts")) {
				result.put(post.path("uri").asString(""), counts(post, "likeCount", "repostCount", "replyCount",
						"quoteCount"));
			}
		}
		return result;
	}

	Map<String, Long> profile(String actor, ChannelContext channel) throws PlatformException {
		var response = get(channel, "app.bsky.actor.getProfile?actor=" + encode(actor));
		return counts(response.body(), "followersCount", "followsCount", "postsCount");
	}

	private static Map<String, Long> counts(JsonNode node, String... names) {
		var counts = new LinkedHashMap<String, Long>();
		for (var name : names) {
			if (node.path(name).isNumber()) {
				counts.put(name, node.path(name).asLong());
			}
		}
		return counts;
	}

	private XrpcResponse get(ChannelContext channel, String nsidAndQuery) throws PlatformException {
		var base = channel.setting("appViewUrl", defaultUrl).trim().replaceAll("/+$", "");
		var timeout = Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "30000")));
		XrpcResponse response;
		try {
			var request = HttpRequest.newBuilder(URI.create(base + "/xrpc/" + nsidAndQuery)).timeout(timeout)
				.header("Accept", "application/json").header("User-Agent", "Troupe").GET().build();
			var answer = HTTP.send(request, dev.troupe.security.ResponseLimits.ofString());
			response = new XrpcResponse(answer.statusCode(), answer.headers(), parse(answer.body()));
		}
		catch (IOException | IllegalArgumentException e) {
			throw new PlatformException("could not reach the Bluesky AppView " + base + ": " + e.getClass().getSimpleName(),
					false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
		if (response.status() == 429) {
			throw new InsightsRateLimited("Bluesky AppView rate limit: " + response.describe(), RateLimits
				.until(response.headers(), Instant.now()).orElse(Instant.now().plus(Duration.ofMinutes(5))));
		}
		if (!response.ok()) {
			throw new PlatformException("the Bluesky AppView answered " + response.describe(), false);
		}
		return response;
	}

	private JsonNode parse(String body) {
		try {
			var node = json.readTree(body == null || body.isBlank() ? "{}" : body);
			return node.isObject() ? node : json.createObjectNode();
		}
		catch (JacksonException notJson) {
			return json.createObjectNode();
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
