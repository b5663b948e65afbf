package dev.troupe.publishing.platform.instagram;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.platform.meta.GraphClient;
import dev.troupe.publishing.platform.meta.GraphInbox;
import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import tools.jackson.databind.JsonNode;

/**
 * The comments on the account's recent media (ig-media/comments with each comment's {@code replies}; permission
 * instagram_business_manage_comments). The edge has no "since", so each poll reads the newest {@value #RECENT_MEDIA}
 * media and keeps comments at or after the cursor (the newest comment time seen). The account's own comments are
 * not inbox items. Instagram only takes replies to top-level comments ("replies to a reply will be added to the
 * top-level comment"), so every item's {@code commentId} ref is its top-level comment.
 */
final class InstagramComments {

	static final int RECENT_MEDIA = 10;
	static final String COMMENT_FIELDS = "id,text,timestamp,username,from,parent_id";

	private final GraphClient graph;
	private final ChannelContext channel;

	InstagramComments(GraphClient graph, ChannelContext channel) {
		this.graph = graph;
		this.channel = channel;
	}

	InboxPage fetch(String cursor) throws PlatformException {
		var since = GraphInbox.since(cursor);
		var items = new ArrayList<IncomingItem>();
		try {
			var media = graph.get(channel.credential("userId") + "/media",
					Map.of("fields", "id,caption,permalink,timestamp", "limit", String.valueOf(RECENT_MEDIA)));
			GraphInbox.check("Instagram", media);
			for (var post : media.body().path("data")) {
				var comments = graph.get(post.path("id").asString() + "/comments",
						Map.of("fields", COMMENT_FIELDS + ",replies{" + COMMENT_FIELDS + "}", "limit", "50"));
				GraphInbox.check("Instagram", comments);
				for (var comment : comments.body().path("data")) {
					add(items, comment, post, null, since);
					for (var reply : comment.path("replies").path("data")) {
						add(items, reply, post, comment.path("id").asString(), since);
					}
				}
			}
		}
		catch (IOException e) {
			throw GraphInbox.unreachable("Instagram", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
		items.sort(Comparator.comparing(IncomingItem::createdAt));
		var newest = items.isEmpty() ? null : items.get(items.size() - 1).createdAt();
		return new InboxPage(items, GraphInbox.next(since, newest));
	}

	private void add(List<IncomingItem> items, JsonNode comment, JsonNode post, String topLevel, Instant since) {
		var created = GraphInbox.time(comment.path("timestamp").asString(null));
		if (created == null || since != null && created.isBefore(since) || own(comment)) {
			return;
		}
		var username = comment.path("username").asString(comment.path("from").path("username").asString(""));
		var parent = topLevel != null ? topLevel : comment.path("parent_id").asString(null);
		var mediaId = post.path("id").asString();
		var refs = new HashMap<String, String>();
		refs.put("commentId", parent != null ? parent : comment.path("id").asString());
		refs.put("mediaId", mediaId);
		var permalink = post.path("permalink").asString(null);
		if (permalink != null) {
			refs.put("permalink", permalink);
		}
		items.add(new IncomingItem(comment.path("id").asString(), "comment",
				new Author(comment.path("from").path("id").asString(username), "@" + username, username,
						"https://www.instagram.com/" + username),
				comment.path("text").asString(""), created, parent != null ? parent : mediaId, mediaId, permalink, refs));
	}

	private boolean own(JsonNode comment) {
		var id = comment.path("from").path("id").asString("");
		return !id.isEmpty() && id.equals(channel.credential("userId"));
	}
}
