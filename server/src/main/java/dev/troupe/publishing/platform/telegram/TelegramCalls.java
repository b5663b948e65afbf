package dev.troupe.publishing.platform.telegram;

import dev.troupe.publishing.spi.Multipart;
import java.net.http.HttpRequest;
import java.util.List;

import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.publishing.spi.ReplyTarget;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chooses the Bot API method for a post and builds its body: text alone is {@code sendMessage} (JSON), one file
 * goes with its own method and the text as caption, 2–10 files are one album ({@code sendMediaGroup}) whose
 * files are attached as {@code attach://file<n>} with the caption on the first item (Telegram shows it for the
 * whole album).
 */
final class TelegramCalls {

	private final JsonMapper json;

	TelegramCalls(JsonMapper json) {
		this.json = json;
	}

	TelegramCall forPost(PublishRequest request, TelegramChannel channel) {
		var text = request.text() == null ? "" : request.text();
		return switch (request.media().size()) {
			case 0 -> request.replyTo() == null ? message(text, channel) : reply(text, request.replyTo(), channel);
			case 1 -> single(request.media().get(0), text, channel);
			default -> album(request.media(), text, channel);
		};
	}

	private TelegramCall message(String text, TelegramChannel channel) {
		var body = json.createObjectNode().put("chat_id", channel.chatId()).put("text", text);
		if (channel.parseMode() != null) {
			body.put("parse_mode", channel.parseMode());
		}
		return new TelegramCall("sendMessage", "application/json",
				HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
	}

	/**
	 * An answer goes to the chat the item came from (the discussion group, a private chat), as a reply to its
	 * message ({@code reply_parameters}, Bot API 7.0).
	 */
	private TelegramCall reply(String text, ReplyTarget replyTo, TelegramChannel channel) {
		var body = json.createObjectNode().put("chat_id", replyTo.ref(TelegramInbox.CHAT_ID)).put("text", text);
		body.putObject("reply_parameters").put("message_id", Long.parseLong(replyTo.ref(TelegramInbox.MESSAGE_ID)));
		if (channel.parseMode() != null) {
			body.put("parse_mode", channel.parseMode());
		}
		return new TelegramCall("sendMessage", "application/json",
				HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
	}

	private TelegramCall single(PublishRequest.Media media, String caption, TelegramChannel channel) {
		var kind = TelegramMedia.of(media.contentType());
		var form = new Multipart().field("chat_id", channel.chatId());
		captioned(form, caption, channel);
		form.file(kind.field, filename(media, 0), media.contentType(), media);
		return new TelegramCall(kind.method, form.contentType(), form.publisher());
	}

	private TelegramCall album(List<PublishRequest.Media> media, String caption, TelegramChannel channel) {
		var items = json.createArrayNode();
		var form = new Multipart().field("chat_id", channel.chatId());
		for (int i = 0; i < media.size(); i++) {
			var file = media.get(i);
			ObjectNode item = items.addObject()
				.put("type", TelegramMedia.of(file.contentType()).albumType())
				.put("media", "attach://file" + i);
			if (i == 0 && !caption.isBlank()) {
				item.put("caption", caption);
				if (channel.parseMode() != null) {
					item.put("parse_mode", channel.parseMode());
				}
			}
		}
		form.field("media", json.writeValueAsString(items));
		for (int i = 0; i < media.size(); i++) {
			var file = media.get(i);
			form.file("file" + i, filename(file, i), file.contentType(), file);
		}
		return new TelegramCall("sendMediaGroup", form.contentType(), form.publisher());
	}

	private static void captioned(Multipart form, String caption, TelegramChannel channel) {
		if (!caption.isBlank()) {
			form.field("caption", caption);
			if (channel.parseMode() != null) {
				form.field("parse_mode", channel.parseMode());
			}
		}
	}

	private static String filename(PublishRequest.Media media, int index) {
		return media.filename() == null || media.filename().isBlank() ? "file" + index : media.filename();
	}
}
