package dev.troupe.publishing.platform.meta;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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

	/** A multipart POST (a resumable upload's chunk): the fields, then the file part. */
	public GraphResponse postMultipart(String path, Map<String, String> fields, String fileField, byte[] file,
			String contentType) throws IOException, InterruptedException {
		var boundary = "troupe" + java.util.UUID.randomUUID().toString().replace("-", "");
		var body = new java.io.ByteArrayOutputStream();
		var all = new LinkedHashMap<>(fields);
		all.put("access_token", token == null ? "" : token);
		for (var field : all.entrySet()) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
				+ "\"; filename=\"chunk\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(root + "/" + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/**
	 * Raw bytes to an upload host ({@code rupload.facebook.com}): the URL the start phase returned, the token as
	 * {@code Authorization: OAuth}, and the host's own headers ({@code offset}, {@code file_size}).
	 */
	public GraphResponse upload(URI url, Map<String, String> headers, byte[] bytes) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(url).header("Authorization", "OAuth " + token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
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
