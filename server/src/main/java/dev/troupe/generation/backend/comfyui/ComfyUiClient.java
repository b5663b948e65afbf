package dev.troupe.generation.backend.comfyui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;

import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ComfyUI HTTP routes Troupe uses, with every failure turned into a {@link BackendException} whose message
 * names the server. Stateless apart from the shared {@link HttpClient}.
 */
final class ComfyUiClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI baseUrl;
	private final String apiKey;
	private final Duration requestTimeout;
	private final HttpClient http;

	ComfyUiClient(URI baseUrl, String apiKey, Duration requestTimeout) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
		this.requestTimeout = requestTimeout;
		// HTTP/1.1: ComfyUI (aiohttp) has no HTTP/2, and the h2c upgrade attempt only adds a round trip.
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10)).build();
	}

	URI baseUrl() {
		return baseUrl;
	}

	HttpClient http() {
		return http;
	}

	URI uri(String pathAndQuery) {
		var base = baseUrl.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
	}

	JsonNode get(String path) throws BackendException {
		return json(path, send(request(path).GET(), path));
	}

	JsonNode postJson(String path, JsonNode body) throws BackendException {
		var response = send(request(path).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), path);
		return response.body().length == 0 ? JSON.createObjectNode() : json(path, response);
	}

	/** POST /prompt; a 400 with node_errors becomes REJECTED_INPUT naming each node, input and reason. */
	JsonNode queuePrompt(JsonNode prompt, String clientId) throws BackendException {
		var body = JSON.createObjectNode();
		body.set("prompt", prompt);
		body.put("client_id", clientId);
		return postJson("/prompt", body);
	}

	byte[] view(String filename, String subfolder, String type) throws BackendException {
		var path = "/view?filename=" + encode(filename) + "&subfolder=" + encode(subfolder == null ? "" : subfolder)
				+ "&type=" + encode(type == null || type.isBlank() ? "output" : type);
		return send(request(path).GET(), path).body();
	}

	/** POST /upload/image (multipart); returns the name the server stored it under (it renames on clashes). */
	String uploadImage(String filename, byte[] bytes) throws BackendException {
		var boundary = "----troupe" + UUID.randomUUID().toString().replace("-", "");
		var body = new ByteArrayOutputStream();
		var head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ninput\r\n--"
				+ boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		var path = "/upload/image";
		var response = send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), path);
		var answer = json(path, response);
		var name = answer.path("name").asString("");
		if (name.isEmpty()) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + baseUrl + " did not say where it stored the upload");
		}
		var subfolder = answer.path("subfolder").asString("");
		return subfolder.isEmpty() ? name : subfolder + "/" + name;
	}

	private HttpRequest.Builder request(String path) {
		var builder = HttpRequest.newBuilder(uri(path)).timeout(requestTimeout);
		if (apiKey != null && !apiKey.isBlank()) {
			// ComfyUI has no auth of its own; a key only makes sense for a reverse proxy in front of it.
			builder.header("Authorization", "Bearer " + apiKey);
		}
		return builder;
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request, String path) throws BackendException {
		HttpResponse<byte[]> response;
		try {
			response = http.send(request.build(), dev.troupe.security.ResponseLimits.ofMediaBytes());
		}
		catch (IOException e) {
			throw failure(e, path);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "Interrupted while talking to ComfyUI at " + baseUrl, e);
		}
		var status = response.statusCode();
		if (status >= 200 && status < 300) {
			return response;
		}
		var text = new String(response.body(), StandardCharsets.UTF_8);
		if (status == 400) {
			throw new BackendException(Kind.REJECTED_INPUT, rejection(text));
		}
		throw new BackendException(status >= 500 ? Kind.SERVER_ERROR : Kind.REJECTED_INPUT, "ComfyUI at " + baseUrl
				+ " answered HTTP " + status + " to " + path.replaceAll("\\?.*", "") + ": " + abbreviate(text));
	}

	/** Maps transport failures: a connect timeout is "not there" (UNREACHABLE), a read timeout is TIMEOUT. */
	BackendException failure(IOException e, String path) {
		if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException) {
			return new BackendException(Kind.UNREACHABLE, "ComfyUI at " + baseUrl + " is unreachable ("
					+ describe(e) + "); check that it is running and the URL is right", e);
		}
		if (e instanceof HttpTimeoutException) {
			return new BackendException(Kind.TIMEOUT, "ComfyUI at " + baseUrl + " did not answer " + path.replaceAll("\\?.*", "")
					+ " within " + requestTimeout.toSeconds() + "s", e);
		}
		return new BackendException(Kind.UNREACHABLE, "Lost the connection to ComfyUI at " + baseUrl + " ("
				+ describe(e) + ")", e);
	}

	private static String describe(Throwable e) {
		// ConnectException from HttpClient often has a null message and the real reason (e.g. an unresolved host) as cause.
		for (var t = e; t != null; t = t.getCause()) {
			if (t.getMessage() != null && !t.getMessage().isBlank()) {
				return t.getClass().getSimpleName() + ": " + t.getMessage();
			}
			if (t.getCause() == null) {
				return t.getClass().getSimpleName();
			}
		}
		return e.getClass().getSimpleName();
	}

	private JsonNode json(String path, HttpResponse<byte[]> response) throws BackendException {
		try {
			return JSON.readTree(response.body());
		}
		catch (JacksonException e) {
			throw new BackendException(Kind.INVALID_OUTPUT, "ComfyUI at " + baseUrl + " answered " + path.replaceAll("\\?.*", "")
					+ " with something that is not JSON: " + abbreviate(new String(response.body(), StandardCharsets.UTF_8)), e);
		}
	}

	/**
	 * Turns a 400 from /prompt into one readable sentence per problem, e.g. {@code Node 4 (CheckpointLoaderSimple)
	 * input 'ckpt_name': Value not in list: ckpt_name: 'x.safetensors' not in [...]}.
	 */
	static String rejection(String body) {
		JsonNode answer;
		try {
			answer = JSON.readTree(body);
		}
		catch (JacksonException e) {
			return "ComfyUI refused the workflow: " + abbreviate(body);
		}
		var problems = new ArrayList<String>();
		for (var node : answer.path("node_errors").properties()) {
			var classType = node.getValue().path("class_type").asString("?");
			for (var error : node.getValue().path("errors")) {
				var input = error.path("extra_info").path("input_name").asString("");
				problems.add("Node " + node.getKey() + " (" + classType + ")"
						+ (input.isEmpty() ? "" : " input '" + input + "'") + ": " + sentence(error));
			}
		}
		if (problems.isEmpty()) {
			var error = answer.path("error");
			problems.add(error.isString() ? error.asString() : sentence(error));
		}
		return "ComfyUI refused the workflow: " + String.join("; ", problems);
	}

	private static String sentence(JsonNode error) {
		var message = error.path("message").asString("");
		var details = error.path("details").asString("");
		return details.isBlank() ? message : message + ": " + details;
	}

	static String abbreviate(String text) {
		var oneLine = text.replaceAll("\\s+", " ").trim();
		return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
