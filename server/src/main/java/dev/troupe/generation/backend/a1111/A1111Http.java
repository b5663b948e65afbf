package dev.troupe.generation.backend.a1111;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebUI's HTTP surface: builds requests (with HTTP Basic when the WebUI runs with {@code --api-auth}) and
 * turns its answers and transport failures into typed {@link BackendException}s with messages a user can act on.
 */
final class A1111Http {

	private final BackendConfig config;
	private final HttpClient client;
	private final JsonMapper json;

	A1111Http(BackendConfig config, JsonMapper json) {
		this.config = config;
		this.json = json;
		// HTTP/1.1: uvicorn does not speak h2c, and the upgrade dance only costs a round trip.
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	HttpClient client() {
		return client;
	}

	String baseUrl() {
		return config.baseUrl().toString();
	}

	HttpRequest.Builder request(String path, Duration timeout) {
		var base = baseUrl().endsWith("/") ? baseUrl().substring(0, baseUrl().length() - 1) : baseUrl();
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
		// --api-auth user:pass is HTTP Basic; the configured API key carries "user:pass".
		if (config.apiKey() != null && config.apiKey().contains(":")) {
			builder.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(config.apiKey().getBytes(StandardCharsets.UTF_8)));
		}
		return builder;
	}

	HttpRequest postJson(String path, JsonNode body, Duration timeout) {
		return request(path, timeout).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build();
	}

	/** Sends a request and returns the parsed JSON body of a 2xx answer. */
	JsonNode getJson(String path, Duration timeout) throws BackendException {
		var request = request(path, timeout).GET().build();
		try {
			return parse(client.send(request, dev.troupe.security.ResponseLimits.ofMediaString()), path);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "Interrupted while calling " + baseUrl() + path, e);
		}
		catch (IOException e) {
			throw transportFailure(path, e);
		}
	}

	/** Checks the status of an answer and parses its JSON body; a non-2xx answer becomes a typed exception. */
	JsonNode parse(HttpResponse<String> response, String path) throws BackendException {
		if (response.statusCode() / 100 != 2) {
			throw httpFailure(response.statusCode(), response.body(), path);
		}
		try {
			return json.readTree(response.body());
		}
		catch (JacksonException e) {
			throw new BackendException(Kind.INVALID_OUTPUT,
					"Automatic1111 at " + baseUrl() + " answered " + path + " with something that is not JSON", e);
		}
	}

	BackendException transportFailure(String path, Throwable e) {
		if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
				|| e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
			return new BackendException(Kind.UNREACHABLE, "Automatic1111 at " + baseUrl()
					+ " is unreachable (" + e.getClass().getSimpleName() + "): is the WebUI running with --api?", e);
		}
		if (e instanceof HttpTimeoutException) {
			return new BackendException(Kind.TIMEOUT, "Automatic1111 at " + baseUrl() + " did not answer " + path
					+ " in time", e);
		}
		// The connection dropped mid-answer: usually the WebUI process died (e.g. killed by the OOM killer).
		return new BackendException(Kind.SERVER_ERROR, "The connection to Automatic1111 at " + baseUrl()
				+ " broke during " + path + ": " + e.getMessage(), e);
	}

	/** Maps the WebUI's error envelopes ({@code detail} from FastAPI, {@code error/errors} from its middleware). */
	BackendException httpFailure(int status, String body, String path) {
		var node = readQuietly(body);
		var detail = detail(node, body);
		var where = "Automatic1111 at " + baseUrl();
		if (status == 401) {
			return new BackendException(Kind.UNREACHABLE, where + " requires --api-auth credentials: set the backend's"
					+ " API key to \"user:password\"");
		}
		if (status == 404 && "Not Found".equals(detail)) {
			return new BackendException(Kind.UNREACHABLE, where + " has no route " + path
					+ ": the WebUI was started without --api (add it to COMMANDLINE_ARGS)");
		}
		if (status == 422 && detail.contains("always on script controlnet not found")) {
			return new BackendException(Kind.REJECTED_INPUT, where + " has no ControlNet extension, which face"
					+ " consistency needs: install sd-webui-controlnet with its IP-Adapter/InstantID models, or use ComfyUI");
		}
		var error = node == null ? "" : node.path("error").asString("");
		if (status >= 500 && (error.contains("OutOfMemory") || detail.toLowerCase().contains("out of memory"))) {
			return new BackendException(Kind.OUT_OF_MEMORY, where + " ran out of GPU memory: " + detail
					+ " (lower the size or batch count, or use a bigger GPU)");
		}
		if (status >= 500) {
			return new BackendException(Kind.SERVER_ERROR, where + " failed on " + path + " (HTTP " + status + ")"
					+ (error.isEmpty() ? "" : " " + error) + ": " + detail);
		}
		return new BackendException(Kind.REJECTED_INPUT, where + " refused " + path + " (HTTP " + status + "): "
				+ detail);
	}

	private JsonNode readQuietly(String body) {
		try {
			return body == null || body.isBlank() ? null : json.readTree(body);
		}
		catch (JacksonException e) {
			return null;
		}
	}

	/** FastAPI validation lists become "body.steps: value is not a valid integer; …". */
	private static String detail(JsonNode node, String raw) {
		if (node == null) {
			return raw == null || raw.isBlank() ? "no details" : abbreviate(raw);
		}
		var detail = node.path("detail");
		if (detail.isArray()) {
			var parts = new ArrayList<String>();
			for (var item : detail) {
				var loc = new ArrayList<String>();
				item.path("loc").forEach(l -> loc.add(l.asString()));
				parts.add(String.join(".", loc) + ": " + item.path("msg").asString(""));
			}
			return String.join("; ", parts);
		}
		if (detail.isString() && !detail.stringValue().isBlank()) {
			return detail.stringValue();
		}
		// The WebUI's middleware puts str(exception) in "errors" and often leaves "detail" empty.
		var errors = node.path("errors");
		return errors.isString() && !errors.stringValue().isBlank() ? abbreviate(errors.stringValue())
				: abbreviate(node.toString());
	}

	private static String abbreviate(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…" : text;
	}
}
