package dev.troupe.publishing.platform.telegram;

import java.util.ArrayList;

import dev.troupe.publishing.spi.PublishOutcome;
import tools.jackson.databind.JsonNode;

/**
 * Reads the sent message(s) from {@code result}: one Message, or an array of them for an album. All message ids
 * are kept (comma-separated) so that each album item can be found or deleted later; the link points at the first.
 * An answer from the inbox is kept as {@code chat:message}, the way inbox items are named: message ids count per
 * chat, and a reply to the answer names it by chat and message, which finds the conversation it belongs to.
 */
final class TelegramPublished {

	private TelegramPublished() {
	}

	static PublishOutcome from(JsonNode result, TelegramChannel channel, boolean answer) {
		var messages = result.isArray() ? result : null;
		var ids = new ArrayList<String>();
		JsonNode first = messages == null ? result : messages.path(0);
		if (messages == null) {
			ids.add(result.path("message_id").asString(""));
		}
		else {
			messages.forEach(message -> ids.add(message.path("message_id").asString("")));
		}
		if (ids.isEmpty() || ids.get(0).isBlank()) {
			return new PublishOutcome.OutcomeUnknown("Telegram answered ok without a message id");
		}
		var chat = first.path("chat").path("id");
		if (answer && chat.isNumber()) {
			// the answer is in the chat it answers (a group, a private chat), not in the channel: only its own link
			var username = first.path("chat").path("username").asString("");
			return new PublishOutcome.Published(TelegramInbox.remoteId(chat.asString(), ids.get(0)),
					username.isBlank() ? null : "https://t.me/" + username + "/" + ids.get(0));
		}
		return new PublishOutcome.Published(String.join(",", ids), url(first, channel, ids.get(0)));
	}

	/**
	 * Public channels have {@code https://t.me/<username>/<id>} links. The answer's chat username is preferred, so a
	 * public channel configured by numeric id still gets its link; private channels have none for outsiders.
	 */
	private static String url(JsonNode message, TelegramChannel channel, String id) {
		var username = message.path("chat").path("username").asString("");
		if (username.isBlank()) {
			username = channel.publicUsername() == null ? "" : channel.publicUsername();
		}
		return username.isBlank() ? null : "https://t.me/" + username + "/" + id;
	}
}
