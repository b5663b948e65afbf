package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.InsightsRateLimited;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInsights.PublishedPost;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a status's counts ({@code GET /api/v1/statuses/:id}: favourites, boosts, replies, and quotes on servers
 * that have quote posts) and the account's ({@code verify_credentials}: followers, following, statuses). Only
 * counts the instance returned are reported; a status the instance no longer has (404) is left out.
 */
final class MastodonInsights {

	private static final List<String> STATUS_COUNTS = List.of("favourites_count", "reblogs_count", "replies_count",
			"quotes_count");
	private static final List<String> ACCOUNT_COUNTS = List.of("followers_count", "following_count", "statuses_count");

	private final JsonMapper json;

	MastodonInsights(JsonMapper json) {
		this.json = json;
	}

	Map<String, Map<String, Long>> publications(List<PublishedPost> posts, ChannelContext channel)
			throws PlatformException {
		var client = new MastodonClient(channel, json);
		var result = new LinkedHashMap<String, Map<String, Long>>();
		for (var post : posts) {
			var response = call(() -> client.status(post.remoteId()));
			if (response.status() == 404) {
				continue;
			}
			check(response);
			result.put(post.remoteId(), counts(response, STATUS_COUNTS));
		}
		return result;
	}

	Map<String, Long> account(ChannelContext channel) throws PlatformException {
		var response = call(new MastodonClient(channel, json)::verifyCredentials);
		check(response);
		return counts(response, ACCOUNT_COUNTS);
	}

	private static Map<String, Long> counts(MastodonResponse response, List<String> names) {
		var counts = new LinkedHashMap<String, Long>();
		for (var name : names) {
			var node = response.body().path(name);
			if (node.isNumber()) {
				counts.put(name, node.asLong());
			}
		}
		return counts;
	}

	private static void check(MastodonResponse response) throws PlatformException {
		if (response.ok()) {
			return;
		}
		if (response.status() == 429) {
			var until = RateLimits.until(response.headers(), Instant.now())
				.orElse(Instant.now().plus(Duration.ofMinutes(5)));
			throw new InsightsRateLimited("Mastodon rate limit: " + response.error(), until);
		}
		throw new PlatformException("Mastodon answered " + response.status() + ": " + response.error(),
				MastodonErrors.refused(response.status()));
	}

	private interface Call {
		MastodonResponse send() throws IOException, InterruptedException;
	}

	private static MastodonResponse call(Call call) throws PlatformException {
		try {
			return call.send();
		}
		catch (IOException e) {
			throw new PlatformException("could not reach the Mastodon instance: " + e.getClass().getSimpleName(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}
}
