package dev.troupe.publishing.platform.discord;

import dev.troupe.publishing.spi.Multipart;
import java.net.http.HttpRequest;

import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the Execute Webhook body: JSON for text alone; with files, multipart with {@code payload_json} and
 * {@code files[n]}, where {@code attachments[n].description} carries the alt text Discord shows to screen readers.
 */
final class DiscordMessages {

	private final JsonMapper json;

	DiscordMessages(JsonMapper json) {
		this.json = json;
	}

	/** The body and its content type. */
	record Body(String contentType, HttpRequest.BodyPublisher publisher) {
	}

	Body forPost(PublishRequest request, DiscordWebhook webhook) {
		var payload = payload(request.text(), webhook);
		if (request.media().isEmpty()) {
			return new Body("application/json", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)));
		}
		var attachments = payload.putArray("attachments");
		for (int i = 0; i < request.media().size(); i++) {
			var media = request.media().get(i);
			var attachment = attachments.addObject().put("id", i).put("filename", filename(media, i));
			if (media.altText() != null && !media.altText().isBlank()) {
				attachment.put("description", media.altText());
			}
		}
		var form = new Multipart().field("payload_json", json.writeValueAsString(payload), "application/json");
		for (int i = 0; i < request.media().size(); i++) {
			var media = request.media().get(i);
			form.file("files[" + i + "]", filename(media, i), media.contentType(), media);
		}
		return new Body(form.contentType(), form.publisher());
	}

	private ObjectNode payload(String text, DiscordWebhook webhook) {
		var payload = json.createObjectNode();
		if (text != null && !text.isBlank()) {
			payload.put("content", text); // Discord refuses an empty content string ("Cannot send an empty message")
		}
		if (webhook.username() != null) {
			payload.put("username", webhook.username());
		}
		if (webhook.avatarUrl() != null) {
			payload.put("avatar_url", webhook.avatarUrl());
		}
		// Generated text must never ping @everyone, roles or users: mentions render but notify nobody.
		payload.putObject("allowed_mentions").putArray("parse");
		return payload;
	}

	private static String filename(PublishRequest.Media media, int index) {
		return media.filename() == null || media.filename().isBlank() ? "file" + index : media.filename();
	}
}
