package dev.troupe.publishing.platform.discord;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a webhook. One request per call, no retries: retrying is the state machine's decision. */
final class DiscordClient {

	/** Discord's edge refuses some generic client user agents; an explicit one identifies us honestly. */
	private static final String USER_AGENT = "Troupe/0.1 (self-hosted publisher; java.net.http)";

	private final HttpClient http;
	private final JsonMapper json;

	DiscordClient(JsonMapper json) {
		this.json = json;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	HttpResponse<String> execute(DiscordWebhook webhook, DiscordMessages.Body body)
			throws IOException, InterruptedException {
		// wait=true makes Discord answer with the created message (and its id) instead of 204 No Content.
		var request = HttpRequest.newBuilder(webhook.url(true))
			.timeout(webhook.timeout())
			.header("User-Agent", USER_AGENT)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build();
		return http.send(request, dev.troupe.security.ResponseLimits.ofString());
	}

	HttpResponse<String> get(DiscordWebhook webhook) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(webhook.url(false))
			.timeout(webhook.timeout())
			.header("User-Agent", USER_AGENT)
			.GET()
			.build();
		return http.send(request, dev.troupe.security.ResponseLimits.ofString());
	}

	/** The parsed answer, or null when it is not JSON (Cloudflare's HTML error pages). */
	JsonNode parse(String body) {
		try {
			return body == null || body.isBlank() ? null : json.readTree(body);
		}
		catch (JacksonException e) {
			return null;
		}
	}
}
