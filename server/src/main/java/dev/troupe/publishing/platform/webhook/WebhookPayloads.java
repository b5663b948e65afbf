package dev.troupe.publishing.platform.webhook;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies Troupe posts to a receiver: a publication, or a ping from "Verify". */
final class WebhookPayloads {

	private final JsonMapper json;

	WebhookPayloads(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The publication as JSON; each file's {@code base64} value is streamed from the file's source where the
	 * document holds a marker for it, so the body is built without reading any file into memory.
	 */
	WebhookBody publication(PublishRequest request, ChannelContext channel) {
		var marker = "troupe-media-" + java.util.UUID.randomUUID() + "-";
		var body = json.createObjectNode()
			.put("type", "publication")
			.put("id", request.publicationId().toString())
			.put("idempotencyKey", request.idempotencyKey())
			.put("character", channel.characterHandle())
			.put("text", request.text() == null ? "" : request.text());
		var media = body.putArray("media");
		for (int i = 0; i < request.media().size(); i++) {
			var file = request.media().get(i);
			media.addObject()
				.put("contentType", file.contentType())
				.put("filename", file.filename())
				.put("altText", file.altText())
				.put("base64", marker + i);
		}
		body.put("scheduledAt", request.scheduledAt() == null ? null : request.scheduledAt().toString());
		var text = json.writeValueAsString(body);
		var out = new WebhookBody();
		int from = 0;
		for (int i = 0; i < request.media().size(); i++) {
			var at = text.indexOf(marker + i + "\"", from);
			out.text(text.substring(from, at)).base64(request.media().get(i));
			from = at + (marker + i).length();
		}
		return out.text(text.substring(from));
	}

	String ping() {
		return json.writeValueAsString(json.createObjectNode().put("type", "ping"));
	}
}
