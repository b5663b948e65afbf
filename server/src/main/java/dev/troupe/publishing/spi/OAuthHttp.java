package dev.troupe.publishing.spi;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import dev.troupe.security.ResponseLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token calls of OAuth providers: a form POST (RFC 6749 §4.1.3, §6) or a GET with query parameters (Meta's
 * long-lived exchanges). A refusal becomes a {@link PlatformException} carrying the platform's own words
 * ({@code error_description}, {@code error.message}, {@code error_message}); {@code revoked} when the platform
 * says the grant or token is no longer valid (4xx), not when it is unreachable or failing (5xx).
 */
public final class OAuthHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).build();
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private OAuthHttp() {
	}

	public static JsonNode postForm(URI url, Map<String, String> form) throws PlatformException {
		return send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form))));
	}

	public static JsonNode get(URI url, Map<String, String> query) throws PlatformException {
		var separator = url.getRawQuery() == null ? "?" : "&";
		return send(HttpRequest.newBuilder(URI.create(url + (query.isEmpty() ? "" : separator + encode(query)))).GET());
	}

	/** A GET with the token in the Authorization header (RFC 6750 §2.1), never in the URL where proxies log it. */
	public static JsonNode getWithBearer(URI url, String token) throws PlatformException {
		return send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token).GET());
	}

	public static String encode(Map<String, String> form) {
		var joiner = new StringJoiner("&");
		form.forEach((name, value) -> {
			if (value != null) {
				joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return joiner.toString();
	}

	private static JsonNode send(HttpRequest.Builder request) throws PlatformException {
		try {
			var response = HTTP.send(request.timeout(TIMEOUT).header("Accept", "application/json")
				.header("User-Agent", "Troupe").build(), ResponseLimits.ofString());
			var body = parse(response.body());
			if (response.statusCode() / 100 == 2 && !body.has("error")) {
				return body;
			}
			var status = response.statusCode();
			throw new PlatformException(status + " " + message(body), status >= 400 && status < 500);
		}
		catch (IOException e) {
			// the URL may carry a secret in its query: name the failure, never the URL
			throw new PlatformException("could not reach the platform (" + e.getClass().getSimpleName() + ")", false, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PlatformException("interrupted", false, e);
		}
	}

	/** The platform's explanation in the shapes OAuth servers use. */
	public static String message(JsonNode body) {
		var error = body.path("error");
		if (error.isObject()) {
			return error.path("message").asString(error.toString());
		}
		if (body.hasNonNull("error_description")) {
			return body.path("error_description").asString();
		}
		if (body.hasNonNull("error_message")) {
			return body.path("error_message").asString();
		}
		return error.isMissingNode() ? "refused" : error.asString();
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
