package dev.troupe.publishing.platform.tiktok;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.security.ResponseLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Content Posting API's calls: JSON POSTs answered with {@code {"data": …, "error": {"code", "message", "log_id"}}}.
 * An answer is only good when {@code error.code} is {@code ok}: TikTok also sends refusals with HTTP 200.
 */
final class TikTokApi {

	static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	record Answer(int status, JsonNode body) {

		boolean ok() {
			return status / 100 == 2 && "ok".equals(code());
		}

		String code() {
			return body.path("error").path("code").asString(status / 100 == 2 ? "ok" : "http_" + status);
		}

		String message() {
			var message = body.path("error").path("message").asString("");
			return code() + (message.isBlank() ? "" : ": " + message);
		}

		JsonNode data() {
			return body.path("data");
		}
	}

	private final URI base;
	private final String token;
	private final Duration timeout;

	TikTokApi(URI base, String token, Duration timeout) {
		this.base = base;
		this.token = token;
		this.timeout = timeout;
	}

	Answer post(String path, JsonNode body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	Answer get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(url(path)).GET());
	}

	/** One chunk to the upload URL (media transfer guide): 206 while chunks remain, 201 once the file is complete. */
	int putChunk(URI uploadUrl, PublishRequest.Media video, long first, long last) throws IOException, InterruptedException {
		var response = HTTP.send(HttpRequest.newBuilder(uploadUrl).timeout(timeout).header("Content-Type", video.contentType())
			.header("Content-Range", "bytes " + first + "-" + last + "/" + video.size())
			.PUT(video.body(first, last - first + 1)).build(), BodyHandlers.discarding());
		return response.statusCode();
	}

	private URI url(String path) {
		return URI.create(base.toString().replaceAll("/+$", "") + path);
	}

	private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.timeout(timeout).header("Authorization", "Bearer " + token).build(),
				ResponseLimits.ofString());
		JsonNode body;
		try {
			body = JSON.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
		}
		catch (JacksonException notJson) {
			body = JSON.createObjectNode();
		}
		return new Answer(response.statusCode(), body.isObject() ? body : JSON.createObjectNode());
	}
}
