package dev.troupe.publishing.platform.telegram;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends Bot API calls. One request per call, no retries: retrying is the state machine's decision. */
final class TelegramClient {

	private final HttpClient http;
	private final JsonMapper json;

	TelegramClient(JsonMapper json) {
		this.json = json;
		// HTTP/1.1 keeps large multipart uploads simple with self-hosted servers on plain http (no h2c upgrade).
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	HttpResponse<String> send(TelegramChannel channel, TelegramCall call) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(channel.method(call.method()))
			.timeout(channel.timeout())
			.header("Content-Type", call.contentType())
			.POST(call.body())
			.build();
		return http.send(request, dev.troupe.security.ResponseLimits.ofString());
	}

	/** A read-only method (getMe, getChat) with JSON parameters. */
	HttpResponse<String> call(TelegramChannel channel, String method, JsonNode parameters)
			throws IOException, InterruptedException {
		return send(channel, new TelegramCall(method, "application/json",
				HttpRequest.BodyPublishers.ofString(json.writeValueAsString(parameters))));
	}

	/** The parsed answer, or null when it is not JSON (a proxy's HTML error page, say). */
	JsonNode parse(String body) {
		try {
			return body == null || body.isBlank() ? null : json.readTree(body);
		}
		catch (JacksonException e) {
			return null;
		}
	}

	static boolean ok(HttpResponse<?> response, JsonNode body) {
		return response.statusCode() / 100 == 2 && body != null && body.path("ok").asBoolean(false);
	}
}
