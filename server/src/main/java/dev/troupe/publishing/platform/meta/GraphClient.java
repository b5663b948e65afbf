package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.troupe.publishing.spi.Multipart;
import dev.troupe.publishing.spi.OAuthHttp;
import dev.troupe.security.ResponseLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls of a Meta Graph API host ({@code graph.instagram.com}, {@code graph.facebook.com},
 * {@code graph.threads.net}) for one token: GET with query parameters, POST with a form body, the token as
 * {@code access_token}. Transport failures are thrown: only the caller knows whether the request may have
 * changed something. Paths are relative to {@code {base}/{version}/}.
 */
public final class GraphClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String root;
	private final String token;
	private final Duration timeout;

	public GraphClient(URI baseUrl, String version, String token, Duration timeout) {
		var base = baseUrl.toString().replaceAll("/+$", "");
		this.root = version == null || version.isBlank() ? base : base + "/" + version;
		this.token = token;
		this.timeout = timeout;
	}

	public GraphResponse get(String path, Map<String, String> query) throws IOException, InterruptedException {
		var all = new LinkedHashMap<>(query);
		all.put("access_token", token == null ? "" : token);
		return send(HttpRequest.newBuilder(URI.create(root + "/" + path + "?" + OAuthHttp.encode(all))).GET());
	}

	public GraphResponse post(String path, Map<String, String> form) throws IOException, InterruptedException {
		var all = new LinkedHashMap<>(form);
		all.put("access_token", token == null ? "" : token);
		return send(HttpRequest.newBuilder(URI.create(root + "/" + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(OAuthHttp.encode(all))));
	}

	/**
	 * A multipart POST (a resumable upload's chunk): the fields, then the file part, which streams from its
	 * publisher (a range of the video read as it is sent).
	 */
	public GraphResponse postMultipart(String path, Map<String, String> fields, String fileField,
			HttpRequest.BodyPublisher file, String contentType) throws IOException, InterruptedException {
		var form = new Multipart();
		var all = new LinkedHashMap<>(fields);
		all.put("access_token", token == null ? "" : token);
		all.forEach(form::field);
		form.file(fileField, "chunk", contentType, file);
		return send(HttpRequest.newBuilder(URI.create(root + "/" + path)).header("Content-Type", form.contentType())
			.POST(form.publisher()));
	}

	/**
	 * Raw bytes to an upload host ({@code rupload.facebook.com}): the URL the start phase returned, the token as
	 * {@code Authorization: OAuth}, and the host's own headers ({@code offset}, {@code file_size}).
	 */
	public GraphResponse upload(URI url, Map<String, String> headers, HttpRequest.BodyPublisher body)
			throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(url).header("Authorization", "OAuth " + token).POST(body);
		headers.forEach(request::header);
		return send(request);
	}

	private GraphResponse send(HttpRequest.Builder request) throws IOException, InterruptedException {
		var response = HTTP.send(request.timeout(timeout).header("Accept", "application/json").header("User-Agent", "Troupe")
			.build(), ResponseLimits.ofString());
		return new GraphResponse(response.statusCode(), response.headers(), parse(response.body()));
	}

	private static tools.jackson.databind.JsonNode parse(String body) {
		try {
			var node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
			return node.isObject() ? node : JSON.createObjectNode();
		}
		catch (JacksonException notJson) {
			return JSON.createObjectNode();
		}
	}
}
