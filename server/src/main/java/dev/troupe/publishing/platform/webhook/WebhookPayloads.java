package dev.troupe.publishing.platform.webhook;

import java.util.Base64;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.PublishRequest;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies Troupe posts to a receiver: a publication, or a ping from "Verify". */
final class WebhookPayloads {

	private final JsonMapper json;

	WebhookPayloads(JsonMapper json) {
		this.json = json;
	}

	String publication(PublishRequest request, ChannelContext channel) {
		var body = json.createObjectNode()
			.put("type", "publication")
			.put("id", request.publicationId().toString())
			.put("idempotencyKey", request.idempotencyKey())
			.put("character", channel.characterHandle())
			.put("text", request.text() == null ? "" : request.text());
		var media = body.putArray("media");
		for (var file : request.media()) {
			media.addObject()
				.put("contentType", file.contentType())
				.put("filename", file.filename())
				.put("altText", file.altText())
				.put("base64", Base64.getEncoder().encodeToString(file.bytes()));
		}
		body.put("scheduledAt", request.scheduledAt() == null ? null : request.scheduledAt().toString());
		return json.writeValueAsString(body);
	}

	String ping() {
		return json.writeValueAsString(json.createObjectNode().put("type", "ping"));
	}
}
