package dev.troupe.publishing.platform.youtube;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import dev.troupe.publishing.spi.PublishRequest;
import dev.troupe.security.ResponseLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls of the YouTube Data API and of Google's resumable upload protocol
 * (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol), bearer-authenticated.
 */
final class YouTubeApi {

	static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	/** One answer: status, headers ({@code Location}, {@code Range}) and the JSON body. */
	record Answer(int status, HttpHeaders headers, JsonNode body) {

		boolean ok() {
			return status / 100 == 2;
		}

		String message() {
			return body.path("error").path("message").asString("HTTP " + status);
		}

		/** Google's machine-readable reason: quotaExceeded, uploadLimitExceeded, authError… */
		String reason() {
			return body.path("error").path("errors").path(0).path("reason").asString("");
		}

		String header(String name) {
			return headers.firstValue(name).orElse(null);
		}
	}

	private final URI base;
	private final String token;
	private final Duration timeout;

	YouTubeApi(URI base, String token, Duration timeout) {
		this.base = base;
		this.token = token;
		this.timeout = timeout;
	}

	Answer get(String path, Map<String, String> query) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(url(path, query)).GET());
	}

	/** A JSON resource to a Data API collection ({@code comments.insert}). */
	Answer postJson(String path, Map<String, String> query, JsonNode body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(url(path, query)).header("Content-Type", "application/json; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	/** Step 1: the video resource; the session URI comes back in {@code Location}. */
	Answer startSession(JsonNode video, long totalBytes, String contentType) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(url("/upload/youtube/v3/videos", Map.of("uploadType", "resumable", "part", "snippet,status")))
			.header("Content-Type", "application/json; charset=UTF-8")
			.header("X-Upload-Content-Length", String.valueOf(totalBytes)).header("X-Upload-Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(video))));
	}

	/** Step 2: one chunk, {@code Content-Range: bytes first-last/total}. */
	Answer putChunk(URI session, PublishRequest.Media video, long first, long length) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(session)
			.header("Content-Range", "bytes " + first + "-" + (first + length - 1) + "/" + video.size())
			.PUT(video.body(first, length))); // read from the source as it is sent
	}

	/** Step 3: an empty PUT with {@code Content-Range: bytes * /total} asks how much arrived (308 with Range). */
	Answer probe(URI session, long total) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(session).header("Content-Range", "bytes */" + total)
			.PUT(HttpRequest.BodyPublishers.noBody()));
	}

	private URI url(String path, Map<String, String> query) {
		var joiner = new StringJoiner("&");
		query.forEach((k, v) -> joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
		var root = base.toString().replaceAll("/+$", "");
		return URI.create(root + path + (query.isEmpty() ? "" : "?" + joiner));
	}

	private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.timeout(timeout).header("Authorization", "Bearer " + token)
			.header("User-Agent", "Troupe").build(), ResponseLimits.ofString());
		return new Answer(response.statusCode(), response.headers(), parse(response.body()));
	}

	private static JsonNode parse(String body) {
		try {
			var node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
			return node.isObject() ? node : JSON.createObjectNode();
		}
		catch (JacksonException notJson) {
			return JSON.createObjectNode();
		}
	}
}
