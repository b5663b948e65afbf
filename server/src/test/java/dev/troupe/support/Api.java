package dev.troupe.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests: real requests against the running server, as a given bearer
 * token (or none).
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;
	private final String token;

	public Api(int port, String token) {
		this.base = "http://localhost:" + port;
		this.token = token;
	}

	public Api as(String token) {
		return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), token);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json(body))));
	}

	public Response postWithHeaders(String path, Object body, String... headers) {
		var request = request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json(body)));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	public Response patch(String path, Object body, String... headers) {
		var request = request(path).header("Content-Type", "application/json")
			.method("PATCH", BodyPublishers.ofString(json(body)));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	public Response put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json(body))));
	}

	/** A GET with extra headers (Range, If-None-Match…). */
	public Response getWithHeaders(String path, String... headers) {
		var request = request(path).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	public Response delete(String path, String... headers) {
		var request = request(path).DELETE();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	/** POSTs one file as multipart form field {@code file}, plus plain form fields. */
	public Response upload(String path, String filename, byte[] content, Map<String, String> fields) {
		var boundary = "troupe-" + UUID.randomUUID();
		var body = new ByteArrayOutputStream();
		var all = new LinkedHashMap<>(fields);
		all.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n"));
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		body.writeBytes(content);
		write(body, "\r\n--" + boundary + "--\r\n");
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray())));
	}

	public Response upload(String path, String filename, byte[] content) {
		return upload(path, filename, content, Map.of());
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(URI.create(base + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), BodyHandlers.ofByteArray());
			return new Response(response);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String json(Object body) {
		return body instanceof String s ? s : JSON.writeValueAsString(body);
	}

	public record Response(HttpResponse<byte[]> raw) {

		public int status() {
			return raw.statusCode();
		}

		public byte[] bytes() {
			return raw.body();
		}

		public String text() {
			return new String(raw.body(), StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(raw.body());
		}

		public String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return raw.statusCode() + " " + text();
		}
	}
}
