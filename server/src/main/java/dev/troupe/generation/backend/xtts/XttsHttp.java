package dev.troupe.generation.backend.xtts;

import java.io.ByteArrayOutputStream;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.troupe.generation.spi.BackendConfig;
import dev.troupe.generation.spi.BackendException;
import dev.troupe.generation.spi.BackendException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to either XTTS server (both are FastAPI apps, so they share error shapes). Calls wait interruptibly so
 * a cancelled job stops waiting at once; failures become typed {@link BackendException}s.
 */
final class XttsHttp {

	private final BackendConfig config;
	private final JsonMapper json;
	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1) // uvicorn has no h2c
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	XttsHttp(BackendConfig config, JsonMapper json) {
		this.config = config;
		this.json = json;
	}

	JsonMapper json() {
		return json;
	}

	String baseUrl() {
		return config.baseUrl().toString();
	}

	JsonNode getJson(String path, Duration timeout) throws BackendException {
		return parse(send(request(path, timeout).GET().build(), path, timeout), path);
	}

	byte[] postJson(String path, JsonNode body, Duration timeout) throws BackendException {
		var request = request(path, timeout).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build();
		return send(request, path, timeout);
	}

	/** A single-file multipart/form-data upload, the shape FastAPI's {@code UploadFile} expects. */
	JsonNode postFile(String path, String field, String filename, byte[] bytes, Duration timeout)
			throws BackendException {
		var boundary = "troupe-" + UUID.randomUUID();
		var body = new ByteArrayOutputStream();
		var head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ filename.replaceAll("[\"\\r\\n]", "_") + "\"\r\nContent-Type: audio/wav\r\n\r\n";
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		var request = request(path, timeout).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		return parse(send(request, path, timeout), path);
	}

	JsonNode parse(byte[] body, String path) throws BackendException {
		try {
			return json.readTree(body);
		}
		catch (JacksonException e) {
			throw new BackendException(Kind.INVALID_OUTPUT, "XTTS at " + baseUrl() + " answered " + path
					+ " with something that is not JSON", e);
		}
	}

	private HttpRequest.Builder request(String path, Duration timeout) {
		var base = baseUrl().endsWith("/") ? baseUrl().substring(0, baseUrl().length() - 1) : baseUrl();
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
		if (config.apiKey() != null && !config.apiKey().isBlank()) {
			// Neither server checks keys; a reverse proxy in front of it may.
			builder.header("Authorization", "Bearer " + config.apiKey());
		}
		return builder;
	}

	private byte[] send(HttpRequest request, String path, Duration timeout) throws BackendException {
		var call = client.sendAsync(request, dev.troupe.security.ResponseLimits.ofMediaBytes());
		try {
			var response = call.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
			if (response.statusCode() / 100 != 2) {
				throw failure(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), path);
			}
			return response.body();
		}
		catch (InterruptedException e) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new BackendException(Kind.CANCELLED, "Speech synthesis on " + baseUrl() + " was cancelled", e);
		}
		catch (TimeoutException e) {
			call.cancel(true);
			throw new BackendException(Kind.TIMEOUT, "XTTS at " + baseUrl() + " did not answer " + path + " in time");
		}
		catch (ExecutionException e) {
			throw transportFailure(path, e.getCause());
		}
	}

	private BackendException transportFailure(String path, Throwable e) {
		if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
				|| e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
			return new BackendException(Kind.UNREACHABLE, "XTTS at " + baseUrl() + " is unreachable ("
					+ e.getClass().getSimpleName() + "): is the server running on that port?", e);
		}
		if (e instanceof HttpTimeoutException) {
			return new BackendException(Kind.TIMEOUT, "XTTS at " + baseUrl() + " did not answer " + path + " in time", e);
		}
		return new BackendException(Kind.SERVER_ERROR, "The connection to XTTS at " + baseUrl() + " broke during "
				+ path + ": " + e.getMessage(), e);
	}

	/** FastAPI: 422 validation lists, 400/500 {@code {"detail"}}; an unhandled crash is plain "Internal Server Error". */
	private BackendException failure(int status, String body, String path) {
		var detail = detail(body);
		var where = "XTTS at " + baseUrl();
		if (status == 404 && detail.equals("Not Found")) {
			return new BackendException(Kind.UNREACHABLE, where + " has no route " + path
					+ ": check the backend's 'flavour' option (api-server or streaming-server)");
		}
		if (status >= 500 && detail.toLowerCase().contains("out of memory")) {
			return new BackendException(Kind.OUT_OF_MEMORY, where + " ran out of GPU memory: " + detail);
		}
		if (status >= 500) {
			return new BackendException(Kind.SERVER_ERROR, where + " failed on " + path + " (HTTP " + status + "): "
					+ detail);
		}
		return new BackendException(Kind.REJECTED_INPUT, where + " refused " + path + " (HTTP " + status + "): "
				+ detail);
	}

	private String detail(String body) {
		try {
			var detail = json.readTree(body).path("detail");
			if (detail.isArray()) {
				var parts = new ArrayList<String>();
				for (var item : detail) {
					var loc = new ArrayList<String>();
					item.path("loc").forEach(l -> loc.add(l.asString()));
					parts.add(String.join(".", loc) + ": " + item.path("msg").asString(""));
				}
				return String.join("; ", parts);
			}
			if (detail.isString()) {
				return detail.stringValue();
			}
		}
		catch (JacksonException e) {
			// not JSON: fall through to the raw text
		}
		return body == null || body.isBlank() ? "no details" : body.length() > 300 ? body.substring(0, 300) : body;
	}
}
