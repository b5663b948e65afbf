package dev.troupe.publishing.platform.youtube;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.RateLimits;
import dev.troupe.publishing.spi.TransportFailures;
import tools.jackson.databind.JsonNode;

/**
 * The channel's comments through the Data API: {@code commentThreads.list} with
 * {@code allThreadsRelatedToChannelId} and {@code order=time} (each thread's top-level comment and the replies it
 * carries; 1 quota unit a page) read page by page until threads older than the cursor (the newest comment time
 * seen) begin; the channel's own comments are not inbox items. Answers are {@code comments.insert} with
 * {@code snippet.parentId} (50 units), which takes top-level comments only; YouTube has no idempotency key, so after
 * a lost answer the thread's replies ({@code comments.list?parentId=}) are read back for the channel's reply with the
 * same text.
 */
final class YouTubeComments {

	static final int MAX_PAGES = 3;
	static final Duration LOOKUP_WINDOW = Duration.ofSeconds(60);

	private final YouTubeApi api;
	private final ChannelContext channel;

	YouTubeComments(YouTubeApi api, ChannelContext channel) {
		this.api = api;
		this.channel = channel;
	}

	InboxPage fetch(String cursor) throws PlatformException {
		var since = since(cursor);
		var own = channel.credential("channelId");
		var items = new ArrayList<IncomingItem>();
		String pageToken = null;
		try {
			for (int page = 0; page < MAX_PAGES; page++) {
				var query = new HashMap<>(Map.of("part", "snippet,replies", "allThreadsRelatedToChannelId", own, "order", "time",
						"maxResults", "100", "textFormat", "plainText"));
				if (pageToken != null) {
					query.put("pageToken", pageToken);
				}
				var answer = api.get("/youtube/v3/commentThreads", query);
				check(answer);
				var older = false;
				for (var thread : answer.body().path("items")) {
					var top = thread.path("snippet").path("topLevelComment");
					add(items, top, null, own, since);
					for (var reply : thread.path("replies").path("comments")) {
						add(items, reply, top.path("id").asString(), own, since);
					}
					var updated = time(top.path("snippet").path("updatedAt").asString(null));
					older |= since != null && updated != null && updated.isBefore(since);
				}
				pageToken = answer.body().path("nextPageToken").asString(null);
				if (pageToken == null || older || since == null) {
					break;
				}
			}
		}
		catch (IOException e) {
			throw new PlatformException("could not reach YouTube (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
		items.sort(Comparator.comparing(IncomingItem::createdAt));
		var newest = items.isEmpty() ? since : items.get(items.size() - 1).createdAt();
		return new InboxPage(items, newest == null ? null : (since != null && since.isAfter(newest) ? since : newest).toString());
	}

	private static void add(List<IncomingItem> items, JsonNode comment, String parent, String own, Instant since) {
		var snippet = comment.path("snippet");
		var created = time(snippet.path("publishedAt").asString(null));
		var author = snippet.path("authorChannelId").path("value").asString("");
		if (created == null || since != null && created.isBefore(since) || author.equals(own)) {
			return;
		}
		var id = comment.path("id").asString();
		var video = snippet.path("videoId").asString(null);
		var refs = new HashMap<String, String>();
		refs.put("parentId", parent != null ? parent : id);
		if (video != null) {
			refs.put("videoId", video);
		}
		var name = snippet.path("authorDisplayName").asString("");
		var url = video == null ? null : "https://www.youtube.com/watch?v=" + video + "&lc=" + id;
		items.add(new IncomingItem(id, "comment", new Author(author, name, name.replaceFirst("^@", ""),
				snippet.path("authorChannelUrl").asString(null)), snippet.path("textOriginal").asString(
						snippet.path("textDisplay").asString("")), created, parent != null ? parent : video, video, url, refs));
	}

	PublishOutcome reply(PublishRequest request) {
		if (!request.media().isEmpty()) {
			return new PublishOutcome.ContentRejected("a YouTube reply to a comment is text only");
		}
		var body = YouTubeApi.JSON.createObjectNode();
		body.putObject("snippet").put("parentId", parentOf(request)).put("textOriginal", request.text());
		try {
			var answer = api.postJson("/youtube/v3/comments", Map.of("part", "snippet"), body);
			if (!answer.ok()) {
				return answer.status() >= 500 ? new PublishOutcome.OutcomeUnknown("YouTube answered " + answer.status()
						+ " to the reply: " + answer.message()) : classify(answer);
			}
			return new PublishOutcome.Published(answer.body().path("id").asString(), url(request, answer.body().path("id").asString()));
		}
		catch (IOException e) {
			return TransportFailures.neverSent(e)
					? new PublishOutcome.Transient("could not reach YouTube (" + e.getClass().getSimpleName() + ")")
					: new PublishOutcome.OutcomeUnknown("no answer from YouTube to the reply (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	/** The channel's reply with this text under the comment since the first attempt, or certainly none after a minute. */
	PublishOutcome reconcile(PublishRequest request) {
		var own = channel.credential("channelId");
		var state = request.previousState();
		var first = instant(state.get(PublishRequest.FIRST_ATTEMPT_AT), request.scheduledAt());
		var last = instant(state.get(PublishRequest.LAST_ATTEMPT_AT), first);
		try {
			var answer = api.get("/youtube/v3/comments", Map.of("part", "snippet", "parentId", parentOf(request),
					"maxResults", "100", "textFormat", "plainText"));
			if (!answer.ok()) {
				var outcome = classify(answer);
				return outcome instanceof PublishOutcome.RateLimited limited ? new PublishOutcome.Pending(Map.of(), limited.until())
						: new PublishOutcome.OutcomeUnknown("YouTube did not list the replies: " + answer.message());
			}
			for (var reply : answer.body().path("items")) {
				var snippet = reply.path("snippet");
				var created = time(snippet.path("publishedAt").asString(null));
				if (own.equals(snippet.path("authorChannelId").path("value").asString(""))
						&& request.text().equals(snippet.path("textOriginal").asString(snippet.path("textDisplay").asString("")))
						&& (first == null || created == null || !created.isBefore(first.minusSeconds(60)))) {
					return new PublishOutcome.Published(reply.path("id").asString(), url(request, reply.path("id").asString()));
				}
			}
			if (last != null && Instant.now().isBefore(last.plus(LOOKUP_WINDOW))) {
				return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(15));
			}
			return new PublishOutcome.NotPublished("no reply with this text under the comment a minute after the attempt");
		}
		catch (IOException e) {
			return new PublishOutcome.Pending(Map.of(), Instant.now().plusSeconds(30));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new PublishOutcome.OutcomeUnknown("interrupted");
		}
	}

	/** Quota and throttling as the poller's "wait until", a refused token as a revocation. */
	private static void check(YouTubeApi.Answer answer) throws PlatformException {
		if (answer.ok()) {
			return;
		}
		var outcome = classify(answer);
		if (outcome instanceof PublishOutcome.RateLimited limited) {
			throw new PlatformException(limited.reason(), limited.until());
		}
		throw new PlatformException("YouTube did not list the comments (" + answer.status() + "): " + answer.message(),
				answer.status() == 401 || "insufficientPermissions".equals(answer.reason()) || "forbidden".equals(answer.reason()));
	}

	private static PublishOutcome classify(YouTubeApi.Answer answer) {
		var reason = answer.reason();
		if ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)) {
			return new PublishOutcome.RateLimited(YouTubePlatform.nextPacificMidnight(), "the Google Cloud project's YouTube "
					+ "quota is spent; waiting for the reset at midnight Pacific time", true);
		}
		if (answer.status() == 429 || "rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason)) {
			return new PublishOutcome.RateLimited(RateLimits.until(answer.headers(), Instant.now())
				.orElse(Instant.now().plus(Duration.ofMinutes(1))), "YouTube asks to slow down: " + answer.message());
		}
		if (answer.status() == 401) {
			return new PublishOutcome.TokenExpired("YouTube refused the access token: " + answer.message());
		}
		if ("insufficientPermissions".equals(reason) || "forbidden".equals(reason)) {
			return new PublishOutcome.ChannelRevoked("YouTube: " + answer.message() + " (reconnect with the youtube.force-ssl scope)");
		}
		if (answer.status() >= 500) {
			return new PublishOutcome.Transient("YouTube answered " + answer.status() + ": " + answer.message());
		}
		return new PublishOutcome.ContentRejected("YouTube refused the reply (" + answer.status()
				+ (reason.isEmpty() ? "" : ", " + reason) + "): " + answer.message());
	}

	private static String parentOf(PublishRequest request) {
		var parent = request.replyTo().ref("parentId");
		return parent == null ? request.replyTo().remoteId() : parent;
	}

	private static String url(PublishRequest request, String id) {
		var video = request.replyTo().ref("videoId");
		return video == null ? null : "https://www.youtube.com/watch?v=" + video + "&lc=" + id;
	}

	private static Instant since(String cursor) {
		return instant(cursor, null);
	}

	private static Instant time(String value) {
		return instant(value, null);
	}

	private static Instant instant(String value, Instant fallback) {
		try {
			return value == null || value.isBlank() ? fallback : Instant.parse(value);
		}
		catch (RuntimeException unreadable) {
			return fallback;
		}
	}
}
