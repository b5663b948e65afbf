package dev.troupe.publishing.platform.mastodon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.troupe.publishing.spi.ChannelContext;
import dev.troupe.publishing.spi.Multipart;
import dev.troupe.publishing.spi.PublishRequest.Media;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Mastodon REST calls Troupe needs, for one channel. Transport failures are thrown as they are: only the
 * caller knows whether the request may have changed something on the instance.
 */
final class MastodonClient {

	// HTTP/1.1: many small instances sit behind proxies where h2c upgrade attempts only cost a round trip
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build(); // a redirect may lead to another host

	private final JsonMapper json;
	private final String base;
	private final String token;
	private final Duration timeout;

	MastodonClient(ChannelContext channel, JsonMapper json) {
		this.json = json;
		this.base = channel.baseUrl().toString().replaceAll("/+$", "");
		this.token = channel.credential("accessToken");
		this.timeout = Duration.ofMillis(Long.parseLong(channel.setting("timeoutMillis", "30000")));
	}

	/** Public, no token: the limits of the instance. */
	MastodonResponse instance() throws IOException, InterruptedException {
		return send(request("/api/v2/instance", false).GET());
	}

	MastodonResponse verifyCredentials() throws IOException, InterruptedException {
		return send(request("/api/v1/accounts/verify_credentials", true).GET());
	}

	/** One status with its counts; 404 when it was deleted (or is not visible to the account). */
	MastodonResponse status(String id) throws IOException, InterruptedException {
		return send(request("/api/v1/statuses/" + URLEncoder.encode(id, StandardCharsets.UTF_8), true).GET());
	}

	/** 200 when processed at once (images), 202 with {@code url: null} while the instance still processes it. */
	MastodonResponse uploadMedia(Media media) throws IOException, InterruptedException {
		var filename = media.filename() == null || media.filename().isBlank() ? "upload" : media.filename();
		var body = new Multipart().file("file", filename, media.contentType(), media);
		if (media.altText() != null && !media.altText().isBlank()) {
			body.field("description", media.altText());
		}
		return send(request("/api/v2/media", true).header("Content-Type", body.contentType()).POST(body.publisher()));
	}

	/** 206 while processing, 200 when ready, 422 when processing failed. */
	MastodonResponse media(String id) throws IOException, InterruptedException {
		return send(request("/api/v1/media/" + URLEncoder.encode(id, StandardCharsets.UTF_8), true).GET());
	}

	/** The instance keeps the key for an hour per account and answers a repeat with the status it created. */
	MastodonResponse createStatus(Map<String, List<String>> form, String idempotencyKey)
			throws IOException, InterruptedException {
		return send(request("/api/v1/statuses", true).header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(encode(form))));
	}

	/**
	 * The character's mentions and quotes newer than {@code minId} (oldest page first: Mastodon answers with the
	 * notifications immediately after {@code min_id}, newest first within the page).
	 */
	MastodonList notifications(String minId, int limit) throws IOException, InterruptedException {
		var query = new StringBuilder("/api/v1/notifications?types[]=mention&types[]=quote&limit=").append(limit);
		if (minId != null) {
			query.append("&min_id=").append(URLEncoder.encode(minId, StandardCharsets.UTF_8));
		}
		return list(request(query.toString(), true).GET());
	}

	/** {@code {"ancestors": [...], "descendants": [...]}} of a status. */
	MastodonResponse context(String statusId) throws IOException, InterruptedException {
		return send(request("/api/v1/statuses/" + URLEncoder.encode(statusId, StandardCharsets.UTF_8) + "/context", true)
			.GET());
	}

	private MastodonList list(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.build(), dev.troupe.security.ResponseLimits.ofString());
		tools.jackson.databind.JsonNode body;
		try {
			body = json.readTree(response.body() == null || response.body().isBlank() ? "{}" : response.body());
		}
		catch (JacksonException notJson) {
			body = json.createObjectNode();
		}
		return new MastodonList(new MastodonResponse(response.statusCode(), response.headers(),
				body.isObject() ? body : json.createObjectNode()), body.isArray() ? body : json.createArrayNode(),
				body.isArray());
	}

	/** An answer that is a JSON array when it succeeds; {@code response} carries status, headers and any error body. */
	record MastodonList(MastodonResponse response, tools.jackson.databind.JsonNode items, boolean readable) {
	}

	private HttpRequest.Builder request(String path, boolean authenticated) {
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
			.header("Accept", "application/json").header("User-Agent", "Troupe");
		if (authenticated) {
			builder.header("Authorization", "Bearer " + (token == null ? "" : token));
		}
		return builder;
	}

	private MastodonResponse send(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.build(), dev.troupe.security.ResponseLimits.ofString());
		return new MastodonResponse(response.statusCode(), response.headers(), parse(response.body()));
	}

	private tools.jackson.databind.JsonNode parse(String body) {
		try {
			var node = json.readTree(body == null || body.isBlank() ? "{}" : body);
			return node.isObject() ? node : json.createObjectNode();
		}
		catch (JacksonException notJson) {
			return json.createObjectNode();
		}
	}

	private static String encode(Map<String, List<String>> form) {
		var joiner = new StringJoiner("&");
		form.forEach((name, values) -> values.forEach(value -> joiner.add(
				URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
		return joiner.toString();
	}
}
