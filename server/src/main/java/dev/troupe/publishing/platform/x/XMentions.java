package dev.troupe.publishing.platform.x;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import tools.jackson.databind.JsonNode;

/**
 * The account's mentions timeline ({@code GET /2/users/:id/mentions}, tweet.read and users.read): posts that
 * @mention the account, replies to its posts included, newest first, with {@code since_id} = the cursor (the newest
 * id seen, X's {@code meta.newest_id}) and {@code pagination_token} for more than one page. The first poll reads one
 * page only: the inbox starts now, not with the account's history. A 429 is reported with the reset X gives.
 */
final class XMentions {

	static final int MAX_PAGES = 5;

	private final XClient client;
	private final ChannelContext channel;

	XMentions(XClient client, ChannelContext channel) {
		this.client = client;
		this.channel = channel;
	}

	InboxPage fetch(String cursor) throws PlatformException {
		var items = new ArrayList<IncomingItem>();
		String newest = null;
		String token = null;
		try {
			for (int page = 0; page < MAX_PAGES; page++) {
				var query = new HashMap<>(Map.of("max_results", "100",
						"tweet.fields", "created_at,author_id,conversation_id,referenced_tweets,in_reply_to_user_id",
						"expansions", "author_id", "user.fields", "username,name"));
				if (cursor != null && !cursor.isBlank()) {
					query.put("since_id", cursor);
				}
				if (token != null) {
					query.put("pagination_token", token);
				}
				var response = client.get("/2/users/" + channel.credential("userId") + "/mentions", query);
				if (response.status() == 429) {
					var limited = XErrors.limited(response, Instant.now());
					throw new PlatformException(limited.reason(), limited.until());
				}
				if (!response.ok()) {
					throw new PlatformException("X did not list the mentions (" + response.status() + "): " + response.message(),
							response.status() == 401 || response.status() == 403);
				}
				if (newest == null) {
					newest = response.body().path("meta").path("newest_id").asString(null);
				}
				var users = new HashMap<String, JsonNode>();
				for (var user : response.body().path("includes").path("users")) {
					users.put(user.path("id").asString(), user);
				}
				for (var post : response.body().path("data")) {
					items.add(item(post, users));
				}
				token = response.body().path("meta").path("next_token").asString(null);
				if (token == null || cursor == null || cursor.isBlank()) {
					break;
				}
			}
		}
		catch (IOException e) {
			throw new PlatformException("could not reach X (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
		// X lists newest first; the inbox takes the oldest first
		java.util.Collections.reverse(items);
		return new InboxPage(items, newest != null ? newest : cursor);
	}

	private IncomingItem item(JsonNode post, Map<String, JsonNode> users) {
		var id = post.path("id").asString();
		var author = users.get(post.path("author_id").asString());
		var username = author == null ? "" : author.path("username").asString("");
		String repliedTo = null;
		String quoted = null;
		for (var reference : post.path("referenced_tweets")) {
			switch (reference.path("type").asString("")) {
				case "replied_to" -> repliedTo = reference.path("id").asString();
				case "quoted" -> quoted = reference.path("id").asString();
				default -> {
				}
			}
		}
		var kind = repliedTo != null ? "reply" : quoted != null ? "quote" : "mention";
		return new IncomingItem(id, kind, new Author(post.path("author_id").asString(null), "@" + username,
				author == null ? username : author.path("name").asString(username), "https://x.com/" + username),
				post.path("text").asString(""), time(post.path("created_at").asString(null)),
				repliedTo != null ? repliedTo : quoted, post.path("conversation_id").asString(id),
				"https://x.com/" + (username.isEmpty() ? "i/web" : username) + "/status/" + id, Map.of("tweetId", id));
	}

	private static Instant time(String value) {
		try {
			return value == null ? Instant.now() : Instant.parse(value);
		}
		catch (RuntimeException unreadable) {
			return Instant.now();
		}
	}

	static List<String> kinds() {
		return List.of("mention", "reply", "quote");
	}
}
