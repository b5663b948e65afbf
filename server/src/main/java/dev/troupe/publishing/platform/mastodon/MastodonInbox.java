package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import dev.troupe.publishing.spi.RateLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The character's Mastodon inbox: {@code GET /api/v1/notifications} with {@code types[]=mention} (a reply to the
 * character is a mention whose status has {@code in_reply_to_id}) and {@code quote} (Mastodon 4.5+; older servers
 * ignore the type), read forward with {@code min_id} = the newest notification id seen, as Mastodon's own clients
 * keep their marker. The thread comes from {@code GET /api/v1/statuses/:id/context}. Needs the token scopes
 * {@code read:notifications} and {@code read:statuses}.
 */
final class MastodonInbox {

	static final int PAGE = 40;

	private final JsonMapper json;

	MastodonInbox(JsonMapper json) {
		this.json = json;
	}

	InboxPage fetch(ChannelContext channel, String cursor) throws PlatformException {
		MastodonClient.MastodonList answer;
		try {
			answer = new MastodonClient(channel, json).notifications(cursor, PAGE);
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + channel.baseUrl() + ": " + e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted while reading notifications", false, e);
		}
		failIfRefused(answer.response());
		if (!answer.readable()) {
			throw new PlatformException("Mastodon answered " + answer.response().status() + " without a list of notifications",
					false);
		}
		var items = new ArrayList<IncomingItem>();
		var newest = cursor;
		for (var notification : answer.items()) {
			var id = notification.path("id").asString("");
			if (newer(id, newest)) {
				newest = id;
			}
			var status = notification.path("status");
			if (status.isObject()) {
				items.add(item(status, notification.path("type").asString("mention")));
			}
		}
		items.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
		return new InboxPage(items, newest);
	}

	List<IncomingItem> thread(IncomingItem item, ChannelContext channel) throws PlatformException {
		MastodonResponse answer;
		try {
			answer = new MastodonClient(channel, json).context(item.remoteId());
		}
		catch (IOException e) {
			throw new PlatformException("could not reach " + channel.baseUrl() + ": " + e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted while reading a thread", false, e);
		}
		failIfRefused(answer);
		var thread = new ArrayList<IncomingItem>();
		for (var ancestor : answer.body().path("ancestors")) {
			thread.add(item(ancestor, "mention"));
		}
		thread.add(item);
		return thread;
	}

	private static void failIfRefused(MastodonResponse response) throws PlatformException {
		if (response.ok()) {
			return;
		}
		if (response.status() == 429) {
			throw new PlatformException("Mastodon rate limit: " + response.error(), RateLimits
				.until(response.headers(), Instant.now()).orElse(Instant.now().plus(Duration.ofMinutes(5))));
		}
		throw new PlatformException("Mastodon answered " + response.status() + ": " + response.error(),
				MastodonErrors.refused(response.status()));
	}

	private static IncomingItem item(JsonNode status, String type) {
		var account = status.path("account");
		var inReplyTo = text(status, "in_reply_to_id");
		var kind = "quote".equals(type) ? "quote" : inReplyTo != null ? "reply" : "mention";
		var acct = text(account, "acct");
		var url = text(status, "url");
		// a quote (Quote entity, 4.5+) belongs to the conversation of the quoted status
		var quoted = text(status.path("quote").path("quoted_status"), "id");
		return new IncomingItem(text(status, "id"), kind,
				new Author(text(account, "id"), acct, text(account, "display_name"), text(account, "url")),
				plain(status.path("content").asString("")), instant(text(status, "created_at")), inReplyTo, quoted,
				url != null ? url : text(status, "uri"), acct == null ? Map.of() : Map.of("mention", acct));
	}

	/** Status content is HTML: paragraphs and line breaks become new lines, tags go, entities are decoded. */
	static String plain(String html) {
		var text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*<p>", "\n\n").replaceAll("<[^>]+>", "");
		return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
			.replace("&apos;", "'").replace("&nbsp;", " ").replace("&amp;", "&").strip();
	}

	/** Mastodon ids are numbers as strings (snowflakes): compare them as numbers. */
	static boolean newer(String id, String than) {
		if (than == null) {
			return !id.isEmpty();
		}
		try {
			return new BigInteger(id).compareTo(new BigInteger(than)) > 0;
		}
		catch (NumberFormatException notNumeric) {
			return id.compareTo(than) > 0;
		}
	}

	private static String text(JsonNode node, String field) {
		var value = node.path(field);
		return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
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
