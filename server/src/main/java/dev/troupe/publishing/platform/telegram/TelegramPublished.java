package dev.troupe.publishing.platform.telegram;

import java.util.ArrayList;

import dev.troupe.publishing.spi.PublishOutcome;
import tools.jackson.databind.JsonNode;

/**
 * Reads the sent message(s) from {@code result}: one Message, or an array of them for an album. All message ids
 * are kept (comma-separated) so that each album item can be found or deleted later; the link points at the first.
 */
final class TelegramPublished {

	private TelegramPublished() {
	}

	static PublishOutcome from(JsonNode result, TelegramChannel channel) {
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
