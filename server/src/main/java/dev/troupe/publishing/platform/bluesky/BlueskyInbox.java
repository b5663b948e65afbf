package dev.troupe.publishing.platform.bluesky;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.OutcomeException;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import dev.troupe.publishing.spi.PublishOutcome;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The character's Bluesky inbox: {@code app.bsky.notification.listNotifications} with the reasons {@code reply},
 * {@code mention} and {@code quote} (the PDS proxies it to the AppView). Notifications come newest first and the
 * server's cursor pages to older ones, so Troupe's cursor is the {@code indexedAt} of the newest notification seen:
 * a poll reads pages until it reaches it. A reply's {@code replyRefs} carry the strong refs a reply record needs:
 * the thread's root ({@code record.reply.root}, or the post itself when it starts a thread) and the post as parent.
 * The thread comes from {@code app.bsky.feed.getPostThread}.
 */
final class BlueskyInbox {

	static final String ROOT_URI = "rootUri";
	static final String ROOT_CID = "rootCid";
	static final String PARENT_URI = "parentUri";
	static final String PARENT_CID = "parentCid";
	static final List<String> REFS = List.of(ROOT_URI, ROOT_CID, PARENT_URI, PARENT_CID);
	private static final Set<String> REASONS = Set.of("reply", "mention", "quote");
	private static final int PAGE = 50;
	private static final int MAX_PAGES = 5;

	private final JsonMapper json;
	private final BlueskySessions sessions;

	BlueskyInbox(JsonMapper json, BlueskySessions sessions) {
		this.json = json;
		this.sessions = sessions;
	}

	InboxPage fetch(ChannelContext channel, String cursor) throws PlatformException {
		var client = new BlueskyClient(channel, json);
		var since = cursor == null ? null : Instant.parse(cursor);
		var items = new ArrayList<IncomingItem>();
		var newest = since;
		String page = null;
		for (int i = 0; i < MAX_PAGES; i++) {
			var pageCursor = page;
			var answer = call(channel, client, session -> client.listNotifications(session, pageCursor, PAGE));
			var reachedSeen = false;
			for (var notification : answer.body().path("notifications")) {
				var indexed = instant(notification.path("indexedAt").asString(null));
				if (since != null && !indexed.isAfter(since)) {
					reachedSeen = true;
					break;
				}
				if (newest == null || indexed.isAfter(newest)) {
					newest = indexed;
				}
				if (REASONS.contains(notification.path("reason").asString(""))) {
					items.add(item(notification.path("uri").asString(), notification.path("cid").asString(),
							notification.path("reason").asString(), notification.path("author"), notification.path("record"),
							indexed));
				}
			}
			page = answer.text("cursor");
			// the first poll reads only the newest page: what was said long ago is not news
			if (reachedSeen || page == null || since == null) {
				break;
			}
		}
		items.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
		return new InboxPage(items, newest == null ? null : newest.toString());
	}

	List<IncomingItem> thread(IncomingItem item, ChannelContext channel) throws PlatformException {
		var client = new BlueskyClient(channel, json);
		var answer = call(channel, client, session -> client.getPostThread(session, item.remoteId()));
		var thread = new ArrayList<IncomingItem>();
		var node = answer.body().path("thread").path("parent");
		while (node.path("post").isObject()) {
			var post = node.path("post");
			thread.add(0, item(post.path("uri").asString(), post.path("cid").asString(), "reply", post.path("author"),
					post.path("record"), instant(post.path("indexedAt").asString(null))));
			node = node.path("parent");
		}
		thread.add(item);
		return thread;
	}

	private XrpcResponse call(ChannelContext channel, BlueskyClient client, BlueskySessions.Call call)
			throws PlatformException {
		XrpcResponse answer;
		try {
			answer = sessions.call(channel, client, call);
		}
		catch (OutcomeException e) {
			throw new PlatformException(e.outcome().toString(), e.outcome() instanceof PublishOutcome.ChannelRevoked);
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + channel.baseUrl() + ": " + e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted while reading the inbox", false, e);
		}
		if (answer.status() == 429) {
			throw new PlatformException("Bluesky rate limit: " + answer.describe(),
					RateLimits.until(answer.headers(), Instant.now()).orElse(Instant.now().plus(Duration.ofMinutes(5))));
		}
		if (!answer.ok()) {
			throw new PlatformException("the PDS answered " + answer.describe(), BlueskyErrors.refused(answer));
		}
		return answer;
	}

	private static IncomingItem item(String uri, String cid, String reason, JsonNode author, JsonNode record,
			Instant indexed) {
		var reply = record.path("reply");
		var root = reply.path("root");
		var handle = author.path("handle").asString(null);
		var rkey = uri.substring(uri.lastIndexOf('/') + 1);
		var refs = Map.of(ROOT_URI, root.path("uri").asString(uri), ROOT_CID, root.path("cid").asString(cid), PARENT_URI,
				uri, PARENT_CID, cid);
		var created = record.path("createdAt").isString() ? instant(record.path("createdAt").asString()) : indexed;
		return new IncomingItem(uri, reason, new Author(author.path("did").asString(null), handle,
				author.path("displayName").asString(null), handle == null ? null : BlueskyPlatform.WEB_APP + "/profile/" + handle),
				record.path("text").asString(""), created, reply.path("parent").path("uri").asString(null),
				// a quote (app.bsky.embed.record) belongs to the conversation of the quoted post
				root.path("uri").asString(record.path("embed").path("record").path("uri").asString(null)), handle == null ? null : BlueskyPlatform.WEB_APP + "/profile/" + handle
						+ "/post/" + rkey,
				refs);
	}

	private static Instant instant(String value) {
		try {
			return value == null ? Instant.now() : Instant.parse(value);
		}
		catch (RuntimeException unreadable) {
			return Instant.now();
		}
	}
}
