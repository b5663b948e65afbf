package dev.troupe.publishing.platform.telegram;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PlatformException;
import dev.troupe.publishing.spi.PlatformInbox.Author;
import dev.troupe.publishing.spi.PlatformInbox.InboxPage;
import dev.troupe.publishing.spi.PlatformInbox.IncomingItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bot's inbox, read with {@code getUpdates} (the adapter uses no webhook; Telegram refuses getUpdates while one
 * is set): comments on the channel's posts in its linked discussion group (replies to the group's automatic copy
 * of a post), replies to the bot's own messages, messages that mention the bot, and private messages to it. The
 * cursor is the next update {@code offset}; asking with it confirms the earlier updates, which Telegram then
 * forgets, so it only moves once the items are stored. The bot sees group messages beyond replies and mentions
 * only as an admin or with privacy mode off.
 */
final class TelegramInbox {

	static final String CHAT_ID = "chatId";
	static final String MESSAGE_ID = "messageId";

	private final TelegramClient client;
	private final JsonMapper json;

	TelegramInbox(TelegramClient client, JsonMapper json) {
		this.client = client;
		this.json = json;
	}

	InboxPage fetch(ChannelContext context, String cursor) throws PlatformException {
		var channel = TelegramChannel.of(context);
		if (channel.misconfiguration() != null) {
			throw new PlatformException("Telegram: " + channel.misconfiguration(), true);
		}
		var bot = call(channel, "getMe", json.createObjectNode());
		var chat = call(channel, "getChat", json.createObjectNode().put("chat_id", channel.chatId()));
		var parameters = json.createObjectNode().put("timeout", 0).put("limit", 100);
		parameters.putArray("allowed_updates").add("message");
		if (cursor != null) {
			parameters.put("offset", Long.parseLong(cursor));
		}
		var updates = call(channel, "getUpdates", parameters);
		var items = new ArrayList<IncomingItem>();
		var next = cursor;
		for (var update : updates) {
			next = String.valueOf(update.path("update_id").asLong() + 1);
			var item = item(update.path("message"), bot, chat);
			if (item != null) {
				items.add(item);
			}
		}
		return new InboxPage(items, next);
	}

	private IncomingItem item(JsonNode message, JsonNode bot, JsonNode channelChat) {
		if (!message.isObject() || message.path("from").path("id").asLong() == bot.path("id").asLong()) {
			return null;
		}
		var chat = message.path("chat");
		var text = message.path("text").asString(message.path("caption").asString(""));
		var repliedTo = message.path("reply_to_message");
		String kind;
		String inReplyTo = null;
		String threadRoot = null;
		if (repliedTo.path("is_automatic_forward").asBoolean(false)
				&& chat.path("id").asLong() == channelChat.path("linked_chat_id").asLong(Long.MIN_VALUE)) {
			kind = "comment"; // a comment under the channel's post, in its discussion group
			var origin = repliedTo.path("forward_origin").path("message_id");
			inReplyTo = origin.isNumber() ? origin.asString() : repliedTo.path("forward_from_message_id").asString(null);
			threadRoot = inReplyTo;
		}
		else if (repliedTo.path("from").path("id").asLong() == bot.path("id").asLong() && repliedTo.isObject()) {
			kind = "reply";
			inReplyTo = remoteId(chat.path("id").asString(), repliedTo.path("message_id").asString());
		}
		else if ("private".equals(chat.path("type").asString())) {
			kind = "message";
		}
		else if (mentions(message, bot.path("username").asString(""))) {
			kind = "mention";
		}
		else {
			return null;
		}
		var from = message.path("from");
		var username = from.path("username").asString(null);
		var name = (from.path("first_name").asString("") + " " + from.path("last_name").asString("")).strip();
		var chatUsername = chat.path("username").asString(null);
		var messageId = message.path("message_id").asString();
		return new IncomingItem(remoteId(chat.path("id").asString(), messageId), kind,
				new Author(from.path("id").asString(null), username, name.isEmpty() ? username : name,
						username == null ? null : "https://t.me/" + username),
				text, Instant.ofEpochSecond(message.path("date").asLong(Instant.now().getEpochSecond())), inReplyTo,
				threadRoot, chatUsername == null ? null : "https://t.me/" + chatUsername + "/" + messageId,
				Map.of(CHAT_ID, chat.path("id").asString(), MESSAGE_ID, messageId));
	}

	/** Message ids count per chat: an item, and an answer Troupe sent, is named {@code chat:message}. */
	static String remoteId(String chatId, String messageId) {
		return chatId + ":" + messageId;
	}

	private static boolean mentions(JsonNode message, String botUsername) {
		if (botUsername.isBlank()) {
			return false;
		}
		var text = message.path("text").asString("");
		for (var entity : message.path("entities")) {
			if ("mention".equals(entity.path("type").asString())) {
				var start = entity.path("offset").asInt();
				var end = start + entity.path("length").asInt();
				// offsets are in UTF-16 code units, as Java strings are
				if (end <= text.length() && text.substring(start, end).equalsIgnoreCase("@" + botUsername)) {
					return true;
				}
			}
		}
		return false;
	}

	private JsonNode call(TelegramChannel channel, String method, JsonNode parameters) throws PlatformException {
		try {
			var response = client.call(channel, method, parameters);
			var body = client.parse(response.body());
			if (TelegramClient.ok(response, body)) {
				return body.path("result");
			}
			var retryAfter = body == null ? null : body.path("parameters").path("retry_after");
			if (response.statusCode() == 429 && retryAfter != null && retryAfter.isNumber()) {
				throw new PlatformException("Telegram rate limit", Instant.now().plusSeconds(retryAfter.asLong()));
			}
			if (response.statusCode() == 409) {
				throw new PlatformException("Telegram refuses getUpdates while a webhook is set for this bot: "
						+ "remove the webhook (deleteWebhook) to read its inbox", false);
			}
			throw TelegramErrors.verifyFailure(response.statusCode(), body);
		}
		catch (IOException e) {
			throw new PlatformException("Telegram at " + channel.apiRoot() + " is unreachable: " + e.getMessage(), false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("Interrupted while asking Telegram", false, e);
		}
	}
}
