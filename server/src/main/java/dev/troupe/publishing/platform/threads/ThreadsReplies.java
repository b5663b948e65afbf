package dev.troupe.publishing.platform.threads;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphInbox;
import dev.troupe.publishing.platform.meta.MetaErrors;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import dev.troupe.publishing.spi.PublishOutcome;

/**
 * Threads' reply management API (threads_read_replies): the replies, top-level and nested, under the profile's recent
 * posts, read with {@code GET /{media-id}/conversation} (flattened, oldest first with {@code reverse=false}). The
 * edge has no "since": each poll reads the newest {@value #RECENT_POSTS} posts and keeps replies at or after the
 * cursor (the newest reply time seen); the profile's own replies ({@code is_reply_owned_by_me}) are not inbox items.
 * Answers are containers with {@code reply_to_id}; they count against the 1,000 replies a day of
 * {@code threads_publishing_limit}'s {@code reply_quota_usage}, not the 250 posts.
 */
final class ThreadsReplies {

	static final int RECENT_POSTS = 10;
	private static final String FIELDS = "id,text,username,timestamp,permalink,replied_to,root_post,is_reply_owned_by_me";

	private final GraphClient graph;
	private final ChannelContext channel;

	ThreadsReplies(GraphClient graph, ChannelContext channel) {
		this.graph = graph;
		this.channel = channel;
	}

	InboxPage fetch(String cursor) throws PlatformException {
		var since = GraphInbox.since(cursor);
		var items = new ArrayList<IncomingItem>();
		try {
			var posts = graph.get(channel.credential("userId") + "/threads",
					Map.of("fields", "id,text,permalink,timestamp", "limit", String.valueOf(RECENT_POSTS)));
			GraphInbox.check("Threads", posts);
			for (var post : posts.body().path("data")) {
				var conversation = graph.get(post.path("id").asString() + "/conversation",
						Map.of("fields", FIELDS, "reverse", "false", "limit", "100"));
				GraphInbox.check("Threads", conversation);
				for (var reply : conversation.body().path("data")) {
					var created = GraphInbox.time(reply.path("timestamp").asString(null));
					if (created == null || since != null && created.isBefore(since)
							|| reply.path("is_reply_owned_by_me").asBoolean(false)) {
						continue;
					}
					var username = reply.path("username").asString("");
					var id = reply.path("id").asString();
					var root = reply.path("root_post").path("id").asString(post.path("id").asString());
					items.add(new IncomingItem(id, "reply",
							new Author(username, "@" + username, username, "https://www.threads.net/@" + username),
							reply.path("text").asString(""), created, reply.path("replied_to").path("id").asString(root), root,
							reply.path("permalink").asString(null), Map.of("replyToId", id)));
				}
			}
		}
		catch (IOException e) {
			throw GraphInbox.unreachable("Threads", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
		items.sort(Comparator.comparing(IncomingItem::createdAt));
		var newest = items.isEmpty() ? null : items.get(items.size() - 1).createdAt();
		return new InboxPage(items, GraphInbox.next(since, newest));
	}

	/** The reply quota gate: a spent quota waits an hour instead of failing; empty when there is room. */
	Optional<PublishOutcome> quotaStop() throws IOException, InterruptedException {
		var limit = graph.get(channel.credential("userId") + "/threads_publishing_limit",
				Map.of("fields", "reply_quota_usage,reply_config"));
		if (!limit.ok()) {
			return Optional.of(MetaErrors.classify("Threads", limit, Instant.now()));
		}
		var usage = limit.body().path("data").path(0);
		var total = usage.path("reply_config").path("quota_total").asInt(Integer.MAX_VALUE);
		if (usage.path("reply_quota_usage").asInt(0) >= total) {
			return Optional.of(new PublishOutcome.RateLimited(Instant.now().plus(Duration.ofHours(1)),
					"Threads' reply limit is used up (" + total + " replies in "
							+ usage.path("reply_config").path("quota_duration").asInt(86400) / 3600
							+ " h); the reply waits until the window frees"));
		}
		return Optional.empty();
	}
}
