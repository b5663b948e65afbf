package dev.troupe.publishing.platform.x;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import dev.troupe.security.ResponseLimits;
import dev.troupe.publishing.spi.Multipart;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A thin X API v2 client: bearer token (OAuth 2.0 user context), JSON in and out, multipart for media. */
final class XClient {

	static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();

	private final URI base;
	private final String token;
	private final Duration timeout;

	XClient(URI base, String token, Duration timeout) {
		this.base = base;
		this.token = token;
		this.timeout = timeout;
	}

	XResponse get(String path, Map<String, String> query) throws IOException, InterruptedException {
		var joiner = new StringJoiner("&");
		query.forEach((k, v) -> joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(v, StandardCharsets.UTF_8)));
		var uri = resolve(path + (query.isEmpty() ? "" : "?" + joiner));
		return send(HttpRequest.newBuilder(uri).GET());
	}

	XResponse postJson(String path, JsonNode body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	XResponse postMultipart(String path, Multipart body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", body.contentType()).POST(body.publisher()));
	}

	XResponse postEmpty(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private URI resolve(String path) {
		var root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
		return URI.create(root + path);
	}

	private XResponse send(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.timeout(timeout).header("Authorization", "Bearer " + token)
			.header("Accept", "application/json").header("User-Agent", "Troupe").build(), ResponseLimits.ofString());
		return new XResponse(response.statusCode(), response.headers(), parse(response.body()));
	}

	static JsonNode parse(String body) {
		try {
			var node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
			return node.isObject() ? node : JSON.createObjectNode();
		}
		catch (JacksonException notJson) {
			return JSON.createObjectNode();
		}
	}
}
