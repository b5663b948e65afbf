package dev.troupe.publishing.platform.facebook;

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
 * The comments on the Page's recent posts ({@code /{post-id}/comments} with {@code filter=stream}, so replies to
 * comments come too, each with its {@code parent}; the Page token needs pages_read_engagement and the MODERATE task
 * for comment ids and authors). The edge has no "since": each poll reads the newest {@value #RECENT_POSTS} posts
 * and keeps comments at or after the cursor (the newest comment time seen). The Page's own comments are not inbox
 * items. A reply goes under the top-level comment ({@code POST /{comment-id}/comments}), Facebook's one level of
 * nesting.
 */
final class FacebookComments {

	static final int RECENT_POSTS = 10;
	static final String COMMENT_FIELDS = "id,message,created_time,from,parent{id},permalink_url";

	private final GraphClient graph;
	private final String pageId;

	FacebookComments(GraphClient graph, ChannelContext channel) {
		this.graph = graph;
		this.pageId = channel.credential("pageId");
	}

	InboxPage fetch(String cursor) throws PlatformException {
		var since = GraphInbox.since(cursor);
		var items = new ArrayList<IncomingItem>();
		try {
			var posts = graph.get(pageId + "/published_posts",
					Map.of("fields", "id,message,permalink_url,created_time", "limit", String.valueOf(RECENT_POSTS)));
			GraphInbox.check("Facebook", posts);
			for (var post : posts.body().path("data")) {
				var comments = graph.get(post.path("id").asString() + "/comments", Map.of("fields", COMMENT_FIELDS,
						"filter", "stream", "order", "reverse_chronological", "limit", "100"));
				GraphInbox.check("Facebook", comments);
				for (var comment : comments.body().path("data")) {
					add(items, comment, post, since);
				}
			}
		}
		catch (IOException e) {
			throw GraphInbox.unreachable("Facebook", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
		items.sort(Comparator.comparing(IncomingItem::createdAt));
		var newest = items.isEmpty() ? null : items.get(items.size() - 1).createdAt();
		return new InboxPage(items, GraphInbox.next(since, newest));
	}

	private void add(List<IncomingItem> items, JsonNode comment, JsonNode post, Instant since) {
		var created = GraphInbox.time(comment.path("created_time").asString(null));
		var from = comment.path("from");
		if (created == null || since != null && created.isBefore(since) || pageId.equals(from.path("id").asString(""))) {
			return;
		}
		var postId = post.path("id").asString();
		var parent = comment.path("parent").path("id").asString(null);
		var id = comment.path("id").asString();
		var url = comment.path("permalink_url").asString(post.path("permalink_url").asString(null));
		var refs = new HashMap<String, String>();
		refs.put("commentId", parent != null ? parent : id);
		refs.put("postId", postId);
		if (post.hasNonNull("permalink_url")) {
			refs.put("permalink", post.path("permalink_url").asString());
		}
		var name = from.path("name").asString("");
		// Graph gives no profile link for people commenting on a Page; the comment's own link stands in
		items.add(new IncomingItem(id, "comment", new Author(from.path("id").asString(null), name, name, null),
				comment.path("message").asString(""), created, parent != null ? parent : postId, postId, url, refs));
	}
}
